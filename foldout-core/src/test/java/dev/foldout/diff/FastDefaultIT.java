package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.ApplyOptions;
import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.Foldout;
import dev.foldout.Locator;
import dev.foldout.TableDiff;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.StringReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * ADD COLUMN with a default gives the rows already there a value PostgreSQL keeps in the catalog ({@code attmissingval})
 * without writing their pages, so no locator sees them. Each migration below is diffed (three-way and two-way),
 * applied to the parent, and the parent must then equal the branch, with a second diff empty: the scenario checks it.
 */
class FastDefaultIT {
    private static final String TABLE = "create table t(id int primary key, v text);"
            + "insert into t select g, 'row ' || g from generate_series(1, 100000) g;";
    private static final String SMALL = "create table t(id int primary key, v text);"
            + "insert into t select g, 'row ' || g from generate_series(1, 5000) g;";

    /**
     * Tables whose rows outside the written pages differ: 100,000 rows, so that nearly all of them are on pages the
     * migration never wrote; the diff carries the value in its ADD COLUMN.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "alter table t add column note text default 'n'",
        "alter table t add column note text not null default 'it''s, {a}'",
        "alter table t add column at timestamptz default now()",
        "alter table t add column k int default 7; alter table t alter column k drop default",
        "alter table t add column k int default 7; alter table t alter column k set default 8",
        "alter table t add column note text default 'n'; update t set note = 'changed' where id in (5, 50000)",
        "alter table t add column j jsonb not null default '{\"a\": [1, 2]}'"})
    void everyRowOfTheParentGetsTheBranchsValue(String migration) {
        Diff diff = DiffScenario.run(TABLE, migration);
        assertThat(diff.tables()).filteredOn(TableDiff::hasChanges).allSatisfy(t -> assertThat(t.name()).isEqualTo("t"));
    }

    /**
     * Rows on pages the branch wrote after the migration, without changing a value, hold the fast default as every
     * other row does: they are no change (they were, when the current side read the added column as NULL, and the
     * count then hung on which pages autovacuum or a checkpoint's hint bits happened to write).
     */
    @Test
    void rowsRewrittenWithTheirValuesAreNoChange() {
        Diff diff = DiffScenario.run(TABLE, Locator.AUTO, "alter table t add column note text default 'n'",
                "update t set v = v where id <= 1000");
        assertThat(diff.tables()).filteredOn(TableDiff::hasChanges).isEmpty();
        Diff changed = DiffScenario.run(TABLE, Locator.AUTO, "alter table t add column note text default 'n'",
                "update t set v = v where id <= 1000; update t set note = 'x' where id = 7");
        assertThat(changed.tables()).filteredOn(TableDiff::hasChanges).singleElement()
                .satisfies(t -> assertThat(t.updates()).isEqualTo(1));
    }

    /**
     * Migrations whose rows the diff writes one by one (a volatile default rewrites the table; an array's fast
     * default is compared in full): 5,000 rows, over some thirty pages.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "alter table t add column at timestamptz not null default clock_timestamp()",
        "alter table t add column r float8 default random()",
        "alter table t add column tags text[] default '{a,\"b c\"}'"})
    void rowsWrittenOneByOneAreExactToo(String migration) {
        DiffScenario.run(SMALL, migration);
    }

    @Test
    void aFastDefaultOnAPartitionedTable() {
        DiffScenario.run("create table p(id int primary key, v text) partition by range (id);"
                + "create table p1 partition of p for values from (0) to (2500);"
                + "create table p2 partition of p for values from (2500) to (200000);"
                + "insert into p select g, 'row ' || g from generate_series(1, 5000) g;",
                "alter table p add column note text not null default 'n'");
    }

    @Test
    void aColumnOfTheSameNameAddedWithAnotherDefaultOnTheParentToo() {
        // the parent's rows hold 'p' in the catalog, the branch's 'b': the table is compared in full
        String parent = TestPostgres.uniqueName("fp");
        String branch = TestPostgres.uniqueName("fb");
        TestPostgres.exec("postgres", "create database " + parent);
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            TestPostgres.exec(parent, SMALL);
            Branch b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true).withBase(false));
            TestPostgres.exec(parent, "alter table t add column note text default 'p'");
            TestPostgres.exec(branch, "alter table t add column note text default 'b'");
            Diff diff = b.diff();
            assertThat(diff.tables()).singleElement().satisfies(t -> {
                assertThat(t.locator()).startsWith("full-compare: rows hold fast-default values");
                assertThat(t.updates()).isEqualTo(5_000);
            });
            fld.apply(new StringReader(diff.toSql()), new ApplyOptions("", true)); // it undoes the parent's column
            assertThat(Contents.of(parent)).isEqualTo(Contents.of(branch));
            assertThat(b.diff().isEmpty()).isTrue();
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }
}
