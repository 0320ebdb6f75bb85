package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.Locator;
import dev.foldout.TableDiff;
import dev.foldout.testing.EnabledOnPostgres;
import dev.foldout.testing.Roles;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An owner who is not a superuser diffs her own branch: the WAL summary functions, pg_walinspect and CHECKPOINT are
 * a superuser's, so the diff falls back to a locator she may use and says which, and why (issue 13, defect 8).
 */
class OwnerDiffIT {
    private String alice;
    private String adb;
    private String branch;

    @BeforeEach
    void setUp() {
        alice = Roles.create("alice");
        adb = Roles.ownedDatabase(alice, "adb", 100);
        branch = TestPostgres.uniqueName("abranch");
    }

    @AfterEach
    void tearDown() {
        TestFoldout.dropQuietly(branch, adb);
        Roles.dropQuietly(alice);
    }

    @Test
    @EnabledOnPostgres(min = 17, reason = "pg_get_wal_block_info completes WAL summaries, which come with 17")
    void withPgWalInspectASuperuserInstalled() {
        try (Foldout su = TestFoldout.connect("postgres", "")) {
            su.databases(); // the catalog exists
        }
        TestPostgres.exec("foldout_catalog", "create extension if not exists pg_walinspect");
        diffAsAlice(); // was: permission denied for function pg_get_wal_block_info
    }

    @Test
    void withoutPgWalInspect() {
        try (Foldout su = TestFoldout.connect("postgres", "")) {
            su.databases();
        }
        TestPostgres.exec("foldout_catalog", "drop extension if exists pg_walinspect");
        diffAsAlice(); // was: permission denied to execute CHECKPOINT command
    }

    private void diffAsAlice() {
        try (Foldout asAlice = Roles.foldout(alice, adb)) {
            asAlice.getDatabase(adb).branch(branch, CopyOptions.DEFAULTS);
            TestPostgres.exec(branch, "update t set v = 'changed' where id = 7", "delete from t where id = 9");
            for (Locator locator : new Locator[] {Locator.AUTO, Locator.WAL_SUMMARIES}) {
                Diff diff = asAlice.getBranch(branch).diff(DiffOptions.DEFAULTS.withLocator(locator));
                TableDiff t = diff.tables().stream().filter(d -> d.name().equals("t")).findFirst().orElseThrow();
                assertThat(t.updates()).isEqualTo(1);
                assertThat(t.deletes()).isEqualTo(1);
                // the WAL summaries serve her when a checkpoint summarized her changes already; else she may not read
                // the tail, and the diff says so
                assertThat(t.locator()).as(locator.name()).satisfiesAnyOf(
                        l -> assertThat(l).isEqualTo("wal-summaries"),
                        l -> assertThat(l).startsWith("full-compare: ").contains("WAL summaries need PostgreSQL 17"),
                        l -> assertThat(l).startsWith("full-compare: ").contains("wal-summaries: role '" + alice + "' may not"));
            }
        }
    }
}
