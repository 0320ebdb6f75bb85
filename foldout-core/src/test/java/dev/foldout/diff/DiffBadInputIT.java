package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.ApplyOptions;
import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import dev.foldout.NotFoundException;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Bad input to diff and apply: a clear one-line error, and nothing changed. */
class DiffBadInputIT {

    @Test
    void unknownAndHostileBranchNames() {
        String db = TestPostgres.uniqueName("bad");
        TestFoldout.seed(db, 10);
        try (Foldout fld = TestFoldout.connect(db, "template")) {
            assertThatThrownBy(() -> fld.getBranch("no_such_branch").diff()).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("no_such_branch").hasMessageContaining("Foldout.branches()");
            assertThatThrownBy(() -> fld.diff("x\"; drop table t; --", db, dev.foldout.DiffOptions.DEFAULTS))
                    .isInstanceOf(FoldoutException.class).hasMessageNotContaining("\n");
            assertThat(TestFoldout.count(db)).isEqualTo(10);
        } finally {
            TestFoldout.dropQuietly(db);
        }
    }

    /** A diff that holds no rows answers its counts, refuses its rows with a documented type, and applies elsewhere. */
    @Test
    void aDiffWithoutItsRowsSaysWhatItCanDo() {
        String db = TestPostgres.uniqueName("norows");
        String br = TestPostgres.uniqueName("norows_b");
        TestFoldout.seed(db, 10);
        try (Foldout fld = TestFoldout.connect(db, "template")) {
            Branch b = fld.defaultDatabase().branch(br);
            TestPostgres.exec(br, "delete from t where id <= 3");
            Diff counted = b.diff(dev.foldout.DiffOptions.DEFAULTS.withKeepRows(false));
            assertThat(counted.isEmpty()).isFalse();
            assertThat(counted.tables()).singleElement().satisfies(t -> assertThat(t.deletes()).isEqualTo(3));
            assertThatThrownBy(counted::toSql).isInstanceOf(dev.foldout.NotSupportedException.class)
                    .hasMessageContaining("keepRows").hasMessageNotContaining("\n");
            assertThatThrownBy(counted::apply).isInstanceOf(dev.foldout.NotSupportedException.class);
            assertThat(TestFoldout.count(db)).as("nothing applied").isEqualTo(10);

            dev.foldout.ApplyResult applied = b.diff().apply();
            assertThat(applied.target()).isEqualTo(db);
            assertThat(applied.rows()).isEqualTo(3);
            assertThat(TestFoldout.count(db)).isEqualTo(7);
            b.delete(true);
        } finally {
            TestFoldout.dropQuietly(br, db);
        }
    }

    @Test
    void aBranchWhoseParentIsGone() {
        String db = TestPostgres.uniqueName("gone");
        String br = TestPostgres.uniqueName("orphan");
        TestFoldout.seed(db, 10);
        try (Foldout fld = TestFoldout.connect("postgres", "template")) {
            Branch b = fld.getDatabase(db).branch(br, CopyOptions.DEFAULTS.withForce(true));
            TestPostgres.exec("postgres", "drop database " + db + " with (force)");
            assertThatThrownBy(b::diff).isInstanceOf(NotFoundException.class).hasMessageContaining(db)
                    .hasMessageContaining("no longer exists");
            b.delete(true);
        } finally {
            TestFoldout.dropQuietly(br, db);
        }
    }

    @Test
    void aBranchMadeFromASnapshotSaysWhatToCompareItWith() {
        String db = TestPostgres.uniqueName("snp");
        String snap = TestPostgres.uniqueName("snap");
        String br = TestPostgres.uniqueName("fromsnap");
        TestFoldout.seed(db, 10);
        try (Foldout fld = TestFoldout.connect(db, "template")) {
            dev.foldout.Snapshot s = fld.defaultDatabase().snapshot(snap);
            Branch b = s.branch(br, CopyOptions.DEFAULTS);
            TestPostgres.exec(br, "update t set v = 'changed' where id = 3");
            // a snapshot takes no connections: the error says so and names the diff that works, not a raw FATAL
            assertThatThrownBy(b::diff).isInstanceOf(FoldoutException.class)
                    .hasMessageContaining("made from snapshot \"" + snap + "\", which accepts no connections")
                    .hasMessageContaining("Foldout.diff(\"" + br + "\", \"" + db + "\")").hasMessageNotContaining("FATAL");
            Diff diff = fld.diff(br, db, dev.foldout.DiffOptions.DEFAULTS);
            assertThat(diff.tables()).filteredOn(dev.foldout.TableDiff::hasChanges).singleElement()
                    .satisfies(t -> assertThat(t.updates()).isEqualTo(1));
            b.delete(true);
            s.delete(true);
        } finally {
            TestFoldout.dropQuietly(br, snap, db);
        }
    }

    @Test
    void aDiffFileForAnotherDatabaseOrChangedOrCutShortIsRefused() {
        String db = TestPostgres.uniqueName("target");
        String br = TestPostgres.uniqueName("tb");
        TestFoldout.seed(db, 10);
        try (Foldout fld = TestFoldout.connect(db, "template")) {
            Branch b = fld.defaultDatabase().branch(br, CopyOptions.DEFAULTS.withForce(true));
            TestPostgres.exec(br, "update t set v = 'changed' where id = 1", "insert into t values (11, 'new')");
            Diff diff = b.diff();
            String sql = diff.toSql();
            // cut short: refused, with the line
            String cut = sql.substring(0, sql.indexOf("UPDATE") + 20);
            assertThatThrownBy(() -> fld.apply(new StringReader(cut), ApplyOptions.DEFAULTS))
                    .isInstanceOf(FoldoutException.class).hasMessageContaining("line ");
            // one value altered: the checksum catches it
            String altered = sql.replace("'changed'", "'tampered'");
            assertThatThrownBy(() -> fld.apply(new StringReader(altered), ApplyOptions.DEFAULTS))
                    .hasMessageContaining("SHA-256");
            // the same name, another database (dropped and made again): refused by OID
            // the session keeps its diff connections for a moment: wait until the rename can go through
            assertThat(TestFoldout.eventually(() -> renamed(db, db + "_old"))).isTrue();
            TestFoldout.seed(db, 10);
            assertThatThrownBy(() -> fld.apply(new StringReader(sql), ApplyOptions.DEFAULTS))
                    .hasMessageContaining("OID").hasMessageContaining("nothing was changed");
            assertThat(TestFoldout.count(db)).isEqualTo(10);
            // a row the diff updates changed since: refused, nothing applied
            TestPostgres.exec("postgres", "drop database " + db + " with (force)");
            assertThat(TestFoldout.eventually(() -> renamed(db + "_old", db))).isTrue();
            TestPostgres.exec(db, "update t set v = 'moved on' where id = 1");
            assertThatThrownBy(() -> fld.apply(new StringReader(sql), ApplyOptions.DEFAULTS))
                    .hasMessageContaining("changed since the diff was made").hasMessageContaining("line ");
            assertThat(TestFoldout.count(db)).isEqualTo(10);
            // forced: the rest applies, the row changed since stays as it is
            fld.apply(new StringReader(sql), new ApplyOptions("", true));
            assertThat(TestFoldout.count(db)).isEqualTo(11);
            b.delete(true);
        } finally {
            TestFoldout.dropQuietly(br, db, db + "_old");
        }
    }

    private static boolean renamed(String from, String to) {
        try {
            TestPostgres.exec("postgres", "alter database " + from + " rename to " + to);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
