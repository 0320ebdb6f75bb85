package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.Locator;
import dev.foldout.TableDiff;
import dev.foldout.testing.EnabledOnPostgres;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * A session's later diffs of the same branch read only the WAL written since its last one, and add what they find
 * to what it found: every change made before and after still shows.
 */
@EnabledOnPostgres(min = 17, reason = "the later diffs read WAL summaries")
class RepeatedDiffIT {
    @Test
    void changesMadeBetweenTwoDiffsAreFoundWithTheEarlierOnes() {
        String parent = TestPostgres.uniqueName("rp");
        String branch = TestPostgres.uniqueName("rb");
        TestPostgres.exec("postgres", "create database " + parent);
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            TestPostgres.exec(parent, "create table t(id int primary key, v text);"
                    + "insert into t select g, 'v' || g from generate_series(1, 20000) g;");
            Branch b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true).withBase(false));
            DiffOptions wal = DiffOptions.DEFAULTS.withLocator(Locator.WAL_SUMMARIES);

            TestPostgres.exec(branch, "update t set v = 'first' where id = 10");
            TableDiff first = only(b.diff(wal));
            assertThat(first.updates()).isEqualTo(1);

            TestPostgres.exec(branch, "update t set v = 'second' where id = 19000", "delete from t where id = 5000");
            TestPostgres.exec(parent, "update t set v = 'parent' where id = 12000");
            TableDiff second = only(b.diff(wal));
            assertThat(second.locator()).isEqualTo("wal-summaries");
            assertThat(second.updates()).as("ids 10, 19000 and 12000 (changed on the parent)").isEqualTo(3);
            assertThat(second.deletes()).isEqualTo(1);

            TestPostgres.exec("postgres", "checkpoint"); // what was the WAL tail is summarized now
            TestPostgres.exec(branch, "insert into t values (30000, 'third')");
            TableDiff third = only(b.diff(wal));
            assertThat(third.updates()).isEqualTo(3);
            assertThat(third.deletes()).isEqualTo(1);
            assertThat(third.inserts()).isEqualTo(1);
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }

    private static TableDiff only(Diff diff) {
        assertThat(diff.tables()).hasSize(1);
        return diff.tables().get(0);
    }
}
