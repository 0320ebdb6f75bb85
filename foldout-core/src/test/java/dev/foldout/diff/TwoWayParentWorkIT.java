package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.ApplyOptions;
import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import dev.foldout.ParentChanges;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A branch without a merge base has only the two-way diff, which makes the parent equal to the branch. When the
 * parent changed on its own since the branch, the diff says how many of its rows and schema objects applying would
 * undo, and apply refuses it unless forced.
 */
class TwoWayParentWorkIT {
    private static final String SETUP = "create table t(id int primary key, v text);"
            + "insert into t select g, 'row ' || g from generate_series(1, 2000) g;"
            + "create table gone(id int primary key); create table keyless(v text); insert into keyless values ('a'), ('b');";

    private final String parent = TestPostgres.uniqueName("wp");
    private final String branch = TestPostgres.uniqueName("wb");
    private Foldout fld;
    private Branch b;

    @BeforeEach
    void branch() {
        TestPostgres.exec("postgres", "create database " + parent);
        TestPostgres.exec(parent, SETUP);
        fld = TestFoldout.connect(parent, "template");
        b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true).withBase(false));
    }

    @AfterEach
    void drop() {
        fld.close();
        TestFoldout.dropQuietly(branch, parent);
    }

    @Test
    void aParentUnchangedSinceTheBranchHasNothingToUndo() {
        TestPostgres.exec(branch, "update t set v = 'branch' where id = 3; insert into t values (5000, 'new')");
        Diff diff = b.diff();
        assertThat(diff.mode()).isEqualTo(dev.foldout.DiffMode.TWO_WAY);
        assertThat(diff.parentChanges()).isEqualTo(ParentChanges.NONE);
        assertThat(diff.toSql()).contains("-- parent-own: 0 rows, 0 objects");
        fld.apply(new StringReader(diff.toSql()), ApplyOptions.DEFAULTS);
        assertThat(Contents.of(parent)).isEqualTo(Contents.of(branch));
    }

    @Test
    void theParentsOwnRowsAreCountedAndApplyRefusesToUndoThem() {
        // the parent's own: an insert, an update, a delete, far apart and on the first page
        TestPostgres.exec(parent, "insert into t values (9000, 'parent''s insert'); update t set v = 'parent' where id = 1;"
                + "delete from t where id = 1500; update t set v = 'same' where id = 4; insert into keyless values ('p')");
        // the branch's own, and the same change as the parent's to row 4 (nothing of the parent's undone there)
        TestPostgres.exec(branch, "update t set v = 'branch' where id = 3; insert into t values (5000, 'new');"
                + "update t set v = 'same' where id = 4; delete from t where id = 700");
        Diff diff = b.diff();
        assertThat(diff.parentChanges().known()).isTrue();
        assertThat(diff.parentChanges().rows()).as("rows 9000, 1 and 1500 of t, and the keyless table's new row")
                .isEqualTo(4);
        assertThat(diff.parentChanges().objects()).isZero();
        String sql = diff.toSql();
        assertThat(sql).contains("-- parent-own: 4 rows, 0 objects");

        Map<String, String> before = Contents.of(parent);
        assertThatThrownBy(() -> fld.apply(new StringReader(sql), ApplyOptions.DEFAULTS))
                .isInstanceOf(FoldoutException.class)
                .hasMessageContaining("would undo 4 rows and 0 schema objects of the parent's own")
                .hasMessageContaining("nothing was changed").hasMessageContaining("Branch.merge");
        assertThat(Contents.of(parent)).isEqualTo(before);

        fld.apply(new StringReader(sql), new ApplyOptions("", true));
        assertThat(Contents.of(parent)).as("forced: the parent is the branch").isEqualTo(Contents.of(branch));
    }

    @Test
    void theParentsOwnSchemaObjectsAreCounted() {
        TestPostgres.exec(parent, "create table extra(id int); drop table gone");
        TestPostgres.exec(branch, "create table mine(id int)");
        Diff diff = b.diff();
        assertThat(diff.parentChanges()).as("extra created, gone dropped by the parent")
                .isEqualTo(new ParentChanges(true, 0, 2));
        assertThatThrownBy(() -> fld.apply(new StringReader(diff.toSql()), ApplyOptions.DEFAULTS))
                .isInstanceOf(FoldoutException.class).hasMessageContaining("0 rows and 2 schema objects");
    }

    @Test
    void aBranchThatDidNotRecordItsTransactionSaysItCannotTell() {
        TestPostgres.exec("foldout_catalog", "update foldout.refs set branch_xid = null where name = '" + branch + "'");
        TestPostgres.exec(parent, "update t set v = 'parent' where id = 1");
        Diff diff = b.diff();
        assertThat(diff.parentChanges()).isEqualTo(ParentChanges.UNKNOWN);
        assertThat(diff.toSql()).doesNotContain("-- parent-own:");
        fld.apply(new StringReader(diff.toSql()), ApplyOptions.DEFAULTS);
        assertThat(Contents.of(parent)).isEqualTo(Contents.of(branch));
    }
}
