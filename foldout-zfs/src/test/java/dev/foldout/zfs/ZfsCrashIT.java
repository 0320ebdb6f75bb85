package dev.foldout.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.InstanceInfo;
import dev.foldout.InstanceState;
import dev.foldout.testing.TestFoldout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Foldout process killed between any two steps of making or deleting an instance branch (a child JVM halted by
 * a failpoint) leaves nothing behind once the next call has run: no dataset, no snapshot, no server, no catalog row.
 */
class ZfsCrashIT {
    /** Steps of making a branch: plan+copy, CHECKPOINT, zfs snapshot, zfs clone, prepare, start, clear copied catalog, record. */
    private static final int BRANCH_STEPS = 8;
    private static ZfsCluster cluster;

    @BeforeAll
    static void start() {
        cluster = ZfsCluster.start(100);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void killedWhileBranchingLeavesNothing(int step) throws Exception {
        String name = "crash/b" + step;
        assertThat(step).isLessThanOrEqualTo(BRANCH_STEPS);
        assertThat(runChild("instance-branch:" + step, "branch", name)).isEqualTo(86);
        try (Foldout fld = cluster.foldout()) {
            assertThat(TestFoldout.eventually(() -> fld.instances().isEmpty())).as("repaired after step " + step).isTrue();
            assertThat(fld.branches()).isEmpty();
            assertThat(cluster.leftovers()).isEmpty();
            // and the name is free again
            fld.defaultDatabase().branch(name, CopyOptions.DEFAULTS.withBackend("zfs")).delete(false);
            assertThat(cluster.leftovers()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void killedWhileDeletingIsFinishedByTheNextCall(int step) throws Exception {
        String name = "crash-delete-" + step;
        Path dataDir;
        try (Foldout fld = cluster.foldout()) {
            InstanceInfo info = fld.defaultDatabase().branch(name, CopyOptions.DEFAULTS.withBackend("zfs")).instance().orElseThrow();
            dataDir = info.dataDirectory();
        }
        assertThat(runChild("instance-delete:" + step, "delete", name)).isEqualTo(86);
        try (Foldout fld = cluster.foldout()) {
            List<InstanceInfo> seen = fld.instances();
            assertThat(seen).allMatch(i -> i.state() == InstanceState.DELETING || !i.name().equals(name));
            assertThat(TestFoldout.eventually(() -> fld.instances().isEmpty())).isTrue();
            assertThat(fld.branches()).isEmpty();
            assertThat(cluster.leftovers()).isEmpty();
            assertThat(Files.exists(dataDir)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6})
    void parentKeepsServingWhileAChildIsRepaired(int step) throws Exception {
        assertThat(runChild("instance-branch:" + step, "branch", "crash-parent-check")).isEqualTo(86);
        try (Foldout fld = cluster.foldout(); Connection c = fld.defaultDatabase().open()) {
            assertThat(TestFoldout.eventually(() -> fld.instances().isEmpty())).isTrue();
            assertThat(ZfsCluster.count(c)).isEqualTo(100);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static int runChild(String failpoint, String op, String name) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("foldout-crash-", ".log");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dfoldout.failpoint=" + failpoint,
                CrashChild.class.getName(), op, cluster.url("app").jdbcUrlWithCredentials(), name)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child did not finish: " + Files.readString(log));
        }
        String out = Files.readString(log);
        Files.delete(log);
        if (p.exitValue() != 86) {
            System.err.println("child output (" + failpoint + "): " + out);
        }
        return p.exitValue();
    }
}
