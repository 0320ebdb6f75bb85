package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.RowChange;
import dev.foldout.testing.EnabledOnPostgres;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * A branch that nothing wrote to since it was made is remembered as quiet by the session, and its next diffs read
 * only the WAL written since: they connect to neither database, and stop trusting the memory as soon as either
 * database is written.
 */
class QuietBranchDiffIT {
    private static final String TABLE = "create table t(id int primary key, v text);"
            + "insert into t select g, 'v' || g from generate_series(1, 500) g;";

    @Test
    @EnabledOnPostgres(min = 17, reason = "only WAL summaries tell, without a connection, that nothing was written")
    void aQuietBranchIsDiffedWithoutConnectingToEitherDatabase() throws Exception {
        String parent = TestPostgres.uniqueName("qp");
        String branch = TestPostgres.uniqueName("qb");
        TestPostgres.exec("postgres", "create database " + parent);
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            // analyzed, then every row and catalog row (the statistics too) hinted and frozen: reading them later writes no
            // hint-bit page images, and autovacuum finds nothing to vacuum or analyze between the diffs
            TestPostgres.exec(parent, TABLE, "analyze", "vacuum freeze");
            // A background write to either database (autovacuum, on a loaded machine) ends the quiet and sends a diff down
            // the full path for good: the WAL since the branch holds it. The whole check is tried again on a new branch
            // then, a few times; one attempt must hold.
            String failure = "";
            for (int attempt = 0; attempt < 8; attempt++) {
                fld.findBranch(branch).ifPresent(old -> old.delete(true));
                Branch b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true).withBase(false));
                failure = quietAttempt(b, parent, branch);
                if (failure.isEmpty()) {
                    break;
                }
                Thread.sleep(1_000);
            }
            assertThat(failure).as("a quiet branch diffed without connecting, in one of 8 attempts").isEmpty();
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }

    /**
     * A branch with a merge base (the default) whose WAL since the base touches neither it nor its base has no changes
     * of its own: its three-way diff is empty and found without opening the base (a hidden database whose connections
     * would first have to be allowed). The engine's path keeps its base connection idle in the session afterwards.
     */
    @Test
    @EnabledOnPostgres(min = 17, reason = "only WAL summaries tell, without reading the base, that nothing was written")
    void aQuietBranchsOwnChangesAreFoundWithoutOpeningItsBase() throws Exception {
        String parent = TestPostgres.uniqueName("qp3");
        String branch = TestPostgres.uniqueName("qb3");
        TestPostgres.exec("postgres", "create database " + parent);
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            TestPostgres.exec(parent, TABLE, "analyze", "vacuum freeze");
            String failure = "";
            Branch b = null;
            for (int attempt = 0; attempt < 8; attempt++) {
                fld.findBranch(branch).ifPresent(old -> old.delete(true));
                b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true));
                Diff d = b.diff();
                assertThat(d.mode()).isEqualTo(dev.foldout.DiffMode.THREE_WAY);
                assertThat(d.isEmpty()).isTrue();
                String base = b.info().base().orElseThrow().database();
                String open = TestPostgres.query("postgres", "select count(*) from pg_stat_activity where datname = '"
                        + base + "'");
                failure = !d.tables().isEmpty() ? "a table was compared: " + d.tables()
                        : open.equals("0") ? "" : open + " session(s) on the base " + base + " after the diff";
                if (failure.isEmpty()) {
                    break;
                }
                Thread.sleep(1_000);
            }
            assertThat(failure).as("a quiet branch's own changes found without opening its base, in one of 8 attempts")
                    .isEmpty();
            // a write ends the quiet: the next diff finds it through the engine
            TestPostgres.exec(branch, "insert into t values (9001, 'new')");
            Diff changed = b.diff();
            assertThat(changed.tables()).singleElement().satisfies(t -> assertThat(t.inserts()).isEqualTo(1));
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }

    /**
     * Rows written to an unlogged table leave no WAL, so a branch holding one is never taken for quiet: its own changes
     * are found by the engine (the shortcut looks for the relation's init fork among the branch's files).
     */
    @Test
    @EnabledOnPostgres(min = 17, reason = "the quiet shortcut reads WAL summaries")
    void aBranchWithAnUnloggedTableIsNeverTakenForQuiet() {
        String parent = TestPostgres.uniqueName("qpu");
        String branch = TestPostgres.uniqueName("qbu");
        TestPostgres.exec("postgres", "create database " + parent);
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            TestPostgres.exec(parent, "create unlogged table u(id int primary key, v text)", "vacuum freeze");
            Branch b = fld.defaultDatabase().branch(branch);
            TestPostgres.exec(branch, "insert into u values (1, 'no WAL for this')");
            Diff d = b.diff();
            assertThat(d.isEmpty()).as("the unlogged row is the branch's own change").isFalse();
            assertThat(d.tables()).singleElement().satisfies(t -> assertThat(t.inserts()).isEqualTo(1));
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }

    /** One attempt: empty when the second diff needed no connection and equals the first; else what went wrong. */
    private static String quietAttempt(Branch b, String parent, String branch) throws InterruptedException {
        StringBuilder first = new StringBuilder();
        Diff found = b.writeDiff(first, DiffFormat.SQL, DiffOptions.DEFAULTS);
        assertThat(found.isEmpty()).isTrue();
        if (!found.tables().isEmpty()) {
            return "the first diff did not take the quiet path (" + found.tables().stream()
                    .map(t -> t.name() + ": " + t.locator()).collect(java.util.stream.Collectors.joining(", ")) + ")";
        }
        // neither database takes connections now (pg_database is a shared catalog: its WAL names neither database)
        TestPostgres.exec("postgres", "alter database " + parent + " allow_connections false",
                "alter database " + branch + " allow_connections false");
        try {
            Thread.sleep(2_000); // the session's idle diff connections close after one second
            StringBuilder second = new StringBuilder();
            Diff quiet;
            try {
                quiet = b.writeDiff(second, DiffFormat.SQL, DiffOptions.DEFAULTS);
            } catch (dev.foldout.FoldoutException e) {
                return e.getMessage();
            }
            assertThat(quiet.isEmpty()).isTrue();
            assertThat(second.toString()).as("the same empty diff, parent's schema fingerprint included")
                    .isEqualTo(first.toString());
            return "";
        } finally {
            TestPostgres.exec("postgres", "alter database " + parent + " allow_connections true",
                    "alter database " + branch + " allow_connections true");
        }
    }

    @Test
    void aWriteToEitherSideOrToTheSchemaEndsTheQuiet() {
        String parent = TestPostgres.uniqueName("qp");
        TestPostgres.exec("postgres", "create database " + parent);
        String[] branches = {TestPostgres.uniqueName("qb"), TestPostgres.uniqueName("qb"), TestPostgres.uniqueName("qb")};
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            TestPostgres.exec(parent, TABLE, "analyze", "vacuum freeze");

            Branch written = quietBranch(fld, branches[0]);
            TestPostgres.exec(branches[0], "update t set v = 'changed' where id = 7");
            Diff diff = written.diff(DiffOptions.DEFAULTS);
            assertThat(diff.tables()).singleElement().satisfies(t -> {
                assertThat(t.updates()).isEqualTo(1);
                assertThat(t.rows()).singleElement().extracting(RowChange::kind).isEqualTo(RowChange.Kind.UPDATE);
            });
            written.delete(true);

            Branch parentWritten = quietBranch(fld, branches[1]);
            TestPostgres.exec(parent, "delete from t where id = 9");
            Diff back = parentWritten.diff(DiffOptions.DEFAULTS);
            assertThat(back.tables()).singleElement().satisfies(t -> assertThat(t.inserts()).isEqualTo(1));
            parentWritten.delete(true);

            Branch ddl = quietBranch(fld, branches[2]);
            TestPostgres.exec(branches[2], "comment on table t is 'described'");
            assertThat(ddl.diff(DiffOptions.DEFAULTS).toSql()).contains("described");
        } finally {
            TestFoldout.dropQuietly(branches[0], branches[1], branches[2], parent);
        }
    }

    /** A new branch of the session's default database, diffed twice while quiet: the second diff is the remembered one. */
    private static Branch quietBranch(Foldout fld, String name) {
        Branch b = fld.defaultDatabase().branch(name, CopyOptions.DEFAULTS.withForce(true).withBase(false));
        assertThat(b.diff(DiffOptions.DEFAULTS).isEmpty()).isTrue();
        assertThat(b.diff(DiffOptions.DEFAULTS).isEmpty()).isTrue();
        return b;
    }
}
