package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * A branch made equal to its parent again in place, by undoing what changed on it: what a test harness does between
 * tests instead of a new copy. After each undo the branch holds exactly the parent's rows and sequence positions, so
 * the next user sees nothing of the last one's: the same key inserted again, the same sequence values handed out.
 * What the undo cannot carry (schema, too many rows, the database's own settings) changes nothing and says so.
 */
class DiscardChangesIT {
    private static final String SEED = "create table parent_t(id int primary key, v text);"
            + "create table child_t(id bigserial primary key, parent_id int references parent_t, note text);"
            + "create table nokey(v text);"
            + "insert into parent_t select g, 'p' || g from generate_series(1, 5000) g;"
            + "insert into child_t(parent_id, note) select g % 5000 + 1, 'c' || g from generate_series(1, 3000) g;"
            + "insert into nokey values ('a'), ('a'), ('b');";

    @Test
    void eachUseStartsFromTheParentsRowsAndSequences() {
        String seed = seeded();
        String branch = TestPostgres.uniqueName("dbr");
        try (Foldout fld = TestFoldout.connect(seed, "template")) {
            Branch b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withBase(false));
            String nextId = TestPostgres.query(seed, "select last_value + 1 from child_t_id_seq");
            for (int use = 0; use < 5; use++) {
                // what every test does: the same key, the sequence, updates, deletes, a keyless table's copies
                TestPostgres.exec(branch, "insert into parent_t values (9001, 'mine')",
                        "insert into child_t(parent_id, note) values (9001, 'use " + use + "') returning id",
                        "update parent_t set v = 'changed' where id between 10 and 20",
                        "delete from child_t where id <= 5",
                        "insert into nokey values ('a')", "delete from nokey where v = 'b'");
                assertThat(TestPostgres.query(branch, "select max(id) from child_t")).as("use %d", use).isEqualTo(nextId);
                assertThat(b.discardChanges(10_000)).as("use %d undone in place", use).isTrue();
                assertThat(Contents.of(branch)).as("use %d", use).isEqualTo(Contents.of(seed));
                assertThat(TestPostgres.query(branch, "select last_value || ',' || is_called from child_t_id_seq"))
                        .isEqualTo(TestPostgres.query(seed, "select last_value || ',' || is_called from child_t_id_seq"));
            }
            b.delete(true);
        } finally {
            TestFoldout.dropQuietly(branch, seed);
        }
    }

    @Test
    void whatTheUndoCannotCarryChangesNothing() {
        String seed = seeded();
        String branch = TestPostgres.uniqueName("dbr");
        try (Foldout fld = TestFoldout.connect(seed, "template")) {
            Branch b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withBase(false));
            TestPostgres.exec(branch, "create table made_by_a_test(x int)");
            assertThat(b.discardChanges(10_000)).as("a schema change").isFalse();
            assertThat(TestPostgres.query(branch, "select count(*) from pg_class where relname = 'made_by_a_test'")).isEqualTo("1");
            TestPostgres.exec(branch, "drop table made_by_a_test");

            TestPostgres.exec(branch, "update parent_t set v = 'x' where id <= 2000");
            assertThat(b.discardChanges(1_000)).as("more rows than allowed").isFalse();
            assertThat(TestPostgres.query(branch, "select count(*) from parent_t where v = 'x'")).isEqualTo("2000");
            assertThat(b.discardChanges(10_000)).isTrue();
            assertThat(Contents.of(branch)).isEqualTo(Contents.of(seed));

            TestPostgres.exec("postgres", "alter database " + branch + " set work_mem = '8MB'");
            assertThat(b.discardChanges(10_000)).as("a setting of the database itself").isFalse();
            b.delete(true);
        } finally {
            TestFoldout.dropQuietly(branch, seed);
        }
    }

    /** A new database holding {@link #SEED}. */
    private static String seeded() {
        String seed = TestPostgres.uniqueName("dseed");
        TestPostgres.exec("postgres", "create database " + seed);
        TestPostgres.exec(seed, SEED);
        return seed;
    }
}
