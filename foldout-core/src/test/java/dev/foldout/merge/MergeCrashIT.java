package dev.foldout.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.diff.Contents;
import dev.foldout.testing.CrashChild;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A merge, rebase or reset killed at each of its steps: the next call repairs what it left, no copy is left behind,
 * the branch accepts connections again, and merging again gives exactly the merged state (a merge killed after its
 * commit counts as done: merging again brings nothing twice).
 */
class MergeCrashIT {
    private static final String T = "create table t(id int primary key, a text, b text);"
            + "insert into t select g, 'a' || g, 'b' || g from generate_series(1, 500) g;";

    @ParameterizedTest(name = "{0} halted at step {1}")
    @CsvSource({"merge,1", "merge,2", "merge,3", "merge,4", "merge,5", "merge,6",
            "rebase,1", "rebase,2", "rebase,3", "rebase,4", "rebase,5", "rebase,6", "rebase,7",
            "reset,1", "reset,2", "reset,3", "reset,4", "reset,5", "reset,6"})
    void killedAtEveryStepIsRepairedByTheNextCall(String op, int step) throws Exception {
        try (MergeScenario m = new MergeScenario(T)) {
            m.onParent("update t set a = 'parent' where id = 1; insert into t values (1000, 'p', 'p');");
            m.onBranch("update t set b = 'branch' where id = 1; delete from t where id = 2;");
            Map<String, String> parentBefore = Contents.of(m.parent);
            Map<String, String> branchBefore = Contents.of(m.branch);
            String failpoint = (op.equals("merge") ? "merge" : "rebuild") + ":" + step;
            int status = CrashChild.run(failpoint, TestPostgres.url(m.parent).jdbcUrlWithCredentials(), op, m.branch);
            boolean halted = status == CrashChild.HALTED;
            assertThat(status).as("child exit status").isIn(0, CrashChild.HALTED);
            // the dead child's catalog session ends a moment after the child: the repair acts once it has
            String leftovers = "select coalesce(string_agg(datname, ', '), 'none') from pg_database where datname like 'foldout_tmp_%' or datname like "
                    + "'foldout_prev_%' or datname like 'foldout_base_%_old' or (datname like 'foldout_base_%' and datname not in "
                    + "(select base_name from foldout.refs where base_name is not null))";
            assertThat(TestFoldout.eventually(() -> {
                m.fld.repair();
                return TestPostgresQuery.text("foldout_catalog", leftovers).equals("none");
            })).as("no copy is left behind: %s", TestPostgresQuery.text("foldout_catalog", leftovers)).isTrue();
            assertThat(TestPostgresQuery.text("postgres", "select string_agg(datallowconn::text, ',') from pg_database where "
                    + "datname in ('" + m.parent + "', '" + m.branch + "')")).isEqualTo("true,true");
            switch (op) {
                case "merge" -> {
                    Map<String, String> parentNow = Contents.of(m.parent);
                    assertThat(parentNow).isIn(parentBefore, Contents.of(m.expected));
                    assertThat(Contents.of(m.branch)).isEqualTo(branchBefore);
                    m.mergeAndCheck();
                }
                case "rebase" -> {
                    assertThat(Contents.of(m.parent)).isEqualTo(parentBefore);
                    assertThat(Contents.of(m.branch)).isIn(branchBefore, Contents.of(m.expected));
                    m.mergeAndCheck();
                }
                default -> {
                    assertThat(Contents.of(m.parent)).isEqualTo(parentBefore);
                    assertThat(Contents.of(m.branch)).isIn(branchBefore, parentBefore);
                    assertThat(m.b.merge().unresolved()).isZero();
                }
            }
            int steps = op.equals("merge") ? 5 : 6;
            assertThat(halted).as("the child halts at each of the %d steps, and only there", steps).isEqualTo(step <= steps);
        }
    }
}
