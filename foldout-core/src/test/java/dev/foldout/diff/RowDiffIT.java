package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Diff;
import dev.foldout.Locator;
import dev.foldout.TableDiff;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Row changes of every kind, through each locator: branch, change, diff, apply, compare, diff again. */
class RowDiffIT {
    private static final String TABLE = "create table t(id int primary key, v text, n numeric);"
            + "insert into t select g, 'row ' || g, g * 1.5 from generate_series(1, 3000) g;";

    @ParameterizedTest
    @EnumSource(Locator.class)
    void insertUpdateDeleteThroughEachLocator(Locator locator) {
        Diff diff = DiffScenario.run(TABLE, "update t set v = 'changed' where id in (5, 2500);"
                + "delete from t where id = 17; insert into t values (5000, 'new', null);", locator);
        TableDiff t = diff.tables().get(0);
        assertThat(t.inserts()).isEqualTo(1);
        assertThat(t.updates()).isEqualTo(2);
        assertThat(t.deletes()).isEqualTo(1);
        assertThat(t.locator()).startsWith(locator == Locator.FULL_COMPARE ? "full-compare: asked for"
                : ExpectedLocator.prefix(locator));
    }

    @Test
    void compositeKeysBulkInsertAndBulkDelete() {
        DiffScenario.run("create table c(a int, b text, v int, primary key (a, b));"
                        + "insert into c select g % 100, 'k' || g, g from generate_series(1, 5000) g;",
                "insert into c select 1000 + g, 'x', g from generate_series(1, 20000) g;"
                        + "delete from c where a between 10 and 40; update c set v = -v where a = 7;");
    }

    @Test
    void nullsQuotesBackslashesNewlinesAndBinary() {
        Diff diff = DiffScenario.run("create table q(id int primary key, s text, b bytea, j jsonb, a int[]);"
                        + "insert into q values (1, 'plain', null, null, null);",
                "update q set s = null where id = 1;"
                        + "insert into q values (2, E'it''s a \\\\ back\\nslash\\ttab\\r', '\\x00ff10'::bytea, "
                        + "'{\"k\": [1, \"two\", null]}', '{1,NULL,3}');"
                        + "insert into q values (3, repeat('toast me ', 200000), decode(repeat('ab', 100000), 'hex'), "
                        + "(select jsonb_agg(g) from generate_series(1, 50000) g), array[1,2]);");
        assertThat(diff.toSql()).contains("E'it''s a \\\\ back\\nslash\\ttab\\r'");
    }

    @Test
    void tablesWithoutKeyAsMultisets() {
        Diff diff = DiffScenario.run("create table m(a int, b text); insert into m values (1, 'x'), (1, 'x'), (2, null);",
                "delete from m where ctid = (select ctid from m where a = 1 limit 1);"
                        + "insert into m values (2, null), (3, 'y'); update m set b = 'z' where a = 3;");
        TableDiff m = diff.tables().get(0);
        assertThat(m.key()).isEmpty();
        assertThat(m.deletes()).isEqualTo(1);
        assertThat(m.inserts()).isEqualTo(2);
    }

    @Test
    void twoUnrelatedDatabasesAreComparedInFull() {
        String left = dev.foldout.testing.TestPostgres.uniqueName("left");
        String right = dev.foldout.testing.TestPostgres.uniqueName("right");
        dev.foldout.testing.TestPostgres.exec("postgres", "create database " + left, "create database " + right);
        try (dev.foldout.Foldout fld = dev.foldout.testing.TestFoldout.connect(right, "template")) {
            dev.foldout.testing.TestPostgres.exec(left, TABLE + "create table only_left(id int primary key); insert into only_left values (1);");
            dev.foldout.testing.TestPostgres.exec(right, TABLE + "update t set v = 'other' where id < 10; delete from t where id > 2990;");
            Diff diff = fld.diff(left, right, dev.foldout.DiffOptions.DEFAULTS);
            assertThat(diff.mode()).isEqualTo(dev.foldout.DiffMode.FULL_SCAN);
            assertThat(diff.parent()).isEqualTo(right);
            assertThat(diff.tables()).allMatch(t -> t.locator().startsWith("full-compare") || t.locator().equals("new-table"));
            fld.apply(new java.io.StringReader(diff.toSql()), dev.foldout.ApplyOptions.DEFAULTS);
            assertThat(Contents.of(right)).isEqualTo(Contents.of(left));
            assertThat(fld.diff(left, right, dev.foldout.DiffOptions.DEFAULTS).isEmpty()).isTrue();
        } finally {
            dev.foldout.testing.TestFoldout.dropQuietly(left, right);
        }
    }

    @Test
    void aChangeOnlyToTheSchemaIsFound() {
        Diff diff = DiffScenario.run(TABLE, "create index t_v on t (v); comment on table t is 'described'");
        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.toSql()).contains("t_v").contains("described");
    }

    @Test
    void noChangeIsEmpty() {
        Diff diff = DiffScenario.run(TABLE, "");
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.tables()).allMatch(t -> !t.hasChanges());
    }
}
