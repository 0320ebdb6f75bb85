package dev.foldout.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.DatabaseInUseException;
import dev.foldout.MergeConflictException;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResult;
import dev.foldout.diff.Contents;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rebase brings the parent's changes into the branch under the same name; reset throws the branch's away. */
class RebaseResetIT {
    private static final String T = "create table t(id int primary key, a text, b text);"
            + "insert into t select g, 'a' || g, 'b' || g from generate_series(1, 2000) g;";

    @Test
    void rebaseThenMergeBringsBothSidesTogether() {
        try (MergeScenario m = new MergeScenario(T)) {
            m.onParent("insert into t values (5001, 'parent', 'new'); update t set a = 'p' where id = 10;"
                    + "alter table t add column c int;");
            m.onBranch("insert into t values (6001, 'branch', 'new'); update t set b = 'q' where id = 10; delete from t where id = 20;");
            String url = m.b.jdbcUrl();
            MergeResult r = m.b.rebase(MergeOptions.DEFAULTS);
            assertThat(r.unresolved()).isZero();
            assertThat(m.b.jdbcUrl()).isEqualTo(url);
            // the branch now holds both sides' work
            assertThat(Contents.of(m.branch)).isEqualTo(Contents.of(m.expected));
            // its base is the parent's state: the parent's work is no longer drift, and merging brings the branch's own
            MergeResult merged = m.mergeAndCheck();
            assertThat(merged.drift()).isEmpty();
            assertThat(merged.rowsChanged()).isEqualTo(3);
        }
    }

    @Test
    void aRebaseWithConflictsChangesNothing() {
        try (MergeScenario m = new MergeScenario(T)) {
            TestPostgres.exec(m.parent, "update t set a = 'p' where id = 10;");
            TestPostgres.exec(m.branch, "update t set a = 'b' where id = 10;");
            Map<String, String> branchBefore = Contents.of(m.branch);
            String baseBefore = m.b.info().base().orElseThrow().database();
            assertThatThrownBy(() -> m.b.rebase(MergeOptions.DEFAULTS)).isInstanceOf(MergeConflictException.class)
                    .hasMessageContaining("(id)=(10) column a");
            assertThat(Contents.of(m.branch)).isEqualTo(branchBefore);
            assertThat(m.b.info().base().orElseThrow().database()).isEqualTo(baseBefore);
            assertThat(TestPostgresQuery.text("postgres", "select count(*) from pg_database where datname like 'foldout_tmp_%' "
                    + "or datname like 'foldout_prev_%'")).isEqualTo("0");
        }
    }

    @Test
    void resetMakesTheBranchAFreshCopyOfItsParentUnderItsName() throws Exception {
        try (MergeScenario m = new MergeScenario(T)) {
            TestPostgres.exec(m.parent, "insert into t values (5001, 'parent', 'new');");
            TestPostgres.exec(m.branch, "delete from t where id < 100;");
            try (Connection held = TestPostgres.connect(m.branch)) {
                assertThatThrownBy(() -> m.b.reset(false)).isInstanceOf(DatabaseInUseException.class);
                assertThat(held.isValid(1)).isTrue();
            }
            m.b.reset(false);
            assertThat(Contents.of(m.branch)).isEqualTo(Contents.of(m.parent));
            assertThat(m.b.diff().isEmpty()).isTrue();
            assertThat(m.b.merge().isEmpty()).isTrue();
            TestPostgres.exec(m.branch, "update t set a = 'after reset' where id = 1;");
            assertThat(m.b.merge().rowsChanged()).isEqualTo(1);
        }
    }
}
