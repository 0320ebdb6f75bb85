package dev.foldout.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.ApplyOptions;
import dev.foldout.Diff;
import dev.foldout.FoldoutException;
import dev.foldout.diff.Contents;
import dev.foldout.testing.TestPostgres;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diff of a branch with a merge base is its own changes: applying it never undoes the parent's. */
class ThreeWayDiffIT {
    private static final String T = "create table t(id int primary key, v text);"
            + "insert into t select g, 'row ' || g from generate_series(1, 100) g;";

    @Test
    void diffAndApplyKeepTheParentsOwnWork() {
        try (MergeScenario m = new MergeScenario(T)) {
            m.onParent("insert into t values (500, 'parent''s insert'); update t set v = 'parent''s update' where id = 1;");
            m.onBranch("update t set v = 'branch''s update' where id = 3;");
            Diff diff = m.b.diff();
            assertThat(diff.mode()).isEqualTo(dev.foldout.DiffMode.THREE_WAY);
            assertThat(diff.tables().get(0).updates()).isEqualTo(1);
            assertThat(diff.tables().get(0).inserts() + diff.tables().get(0).deletes()).isZero();
            m.fld.apply(new StringReader(diff.toSql()), ApplyOptions.DEFAULTS);
            m.assertEqualsReplay();
            assertThat(m.b.diff().isEmpty()).as("what the parent has is not diffed again").isTrue();
        }
    }

    @Test
    void applyRefusesARowTheParentChangedSince() {
        try (MergeScenario m = new MergeScenario(T)) {
            TestPostgres.exec(m.parent, "update t set v = 'parent' where id = 5;");
            TestPostgres.exec(m.branch, "update t set v = 'branch' where id = 5; update t set v = 'fine' where id = 6;");
            Map<String, String> before = Contents.of(m.parent);
            String sql = m.b.diff().toSql();
            assertThatThrownBy(() -> m.fld.apply(new StringReader(sql), ApplyOptions.DEFAULTS))
                    .isInstanceOf(FoldoutException.class).hasMessageContaining("changed since the diff was made")
                    .hasMessageContaining("nothing was changed");
            assertThat(Contents.of(m.parent)).isEqualTo(before);
        }
    }

    @Test
    void applyRefusesRowsThatBreakAForeignKeyThroughTheParentsOwnDeletion() {
        String setup = "create table p(id int primary key); create table c(id int primary key, p int references p(id));"
                + "insert into p values (1), (2);";
        try (MergeScenario m = new MergeScenario(setup)) {
            TestPostgres.exec(m.parent, "delete from p where id = 2;");
            TestPostgres.exec(m.branch, "insert into c values (10, 2);");
            Map<String, String> before = Contents.of(m.parent);
            String sql = m.b.diff().toSql();
            assertThatThrownBy(() -> m.fld.apply(new StringReader(sql), ApplyOptions.DEFAULTS))
                    .isInstanceOf(FoldoutException.class).hasMessageContaining("foreign key c_p_fkey of c")
                    .hasMessageContaining("nothing was changed");
            assertThat(Contents.of(m.parent)).isEqualTo(before);
        }
    }
}
