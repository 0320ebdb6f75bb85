package dev.foldout.zfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.InstanceInfo;
import dev.foldout.InstanceState;
import dev.foldout.testing.CrashChild;
import dev.foldout.testing.TestFoldout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.foldout.RefInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Foldout process killed between any two steps of making or deleting an instance branch, or of snapshotting one (a
 * child JVM halted by a failpoint), leaves a catalog entry that the next call finds and repairs, saying so: then no
 * dataset, no snapshot, no server and no catalog row is left, and the name is free again. Halting past the last step
 * lets the operation finish, which shows that the steps tested are all there are.
 */
class ZfsCrashIT {
    /**
     * Steps of making a branch: plan+copy, CHECKPOINT, zfs snapshot, zfs clone, prepare, start, clear copied catalog, keep
     * the merge base (CHECKPOINT on the branch, zfs snapshot of it), record.
     */
    private static final int BRANCH_STEPS = 11;
    /** Steps of deleting one: stop the server, destroy the datasets, remove the catalog rows. */
    private static final int DELETE_STEPS = 3;
    /** Steps of snapshotting one: CHECKPOINT, zfs snapshot, record. */
    private static final int SNAPSHOT_STEPS = 3;
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
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
    void killedWhileBranchingLeavesNothing(int step) throws Exception {
        String name = "crash/b" + step;
        assertThat(runChild("instance-branch:" + step, "branch", name)).isEqualTo(86);
        assertThat(catalogState(name)).as("left behind by the dead process").contains("CREATING");
        try (Foldout fld = cluster.foldout()) {
            assertThat(fld.repair()).as("the next call says what it repaired")
                    .anySatisfy(line -> assertThat(line).contains("\"" + name + "\"").contains("left creating").contains("removed"));
            assertThat(fld.instances()).isEmpty();
            assertThat(catalogState(name)).isEmpty();
            assertThat(fld.branches()).isEmpty();
            assertThat(cluster.leftovers()).isEmpty();
            // and the name is free again
            fld.defaultDatabase().branch(name, CopyOptions.DEFAULTS.withBackend("zfs")).delete(false);
            assertThat(cluster.leftovers()).isEmpty();
        }
    }

    @Test
    void haltingPastTheLastBranchStepLetsTheBranchFinish() throws Exception {
        assertThat(runChild("instance-branch:" + (BRANCH_STEPS + 1), "branch", "crash-none")).isZero();
        try (Foldout fld = cluster.foldout()) {
            assertThat(fld.repair()).isEmpty();
            assertThat(fld.instances()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo(InstanceState.RUNNING));
            assertThat(runChild("instance-delete:" + (DELETE_STEPS + 1), "delete", "crash-none")).isZero();
            assertThat(fld.instances()).isEmpty();
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
        assertThat(catalogState(name)).as("left behind by the dead process").contains("DELETING");
        try (Foldout fld = cluster.foldout()) {
            assertThat(fld.repair()).anySatisfy(line -> assertThat(line).contains("\"" + name + "\"").contains("left deleting"));
            assertThat(fld.instances()).isEmpty();
            assertThat(fld.branches()).isEmpty();
            assertThat(cluster.leftovers()).isEmpty();
            assertThat(Files.exists(dataDir)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void killedWhileSnapshottingLeavesNoSnapshotTheCatalogDoesNotHave(int step) throws Exception {
        String branch = "crash-snap-" + step;
        String snapshot = "crash-snap-" + step + "-s";
        try (Foldout fld = cluster.foldout()) {
            fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withBackend("zfs"));
            int exit = runChild("instance-snapshot:" + step, "snapshot", branch, snapshot);
            if (step > SNAPSHOT_STEPS) {
                assertThat(exit).as("past the last step the snapshot is taken").isZero();
                assertThat(fld.repair()).isEmpty();
                assertThat(fld.snapshots()).extracting(RefInfo::name).containsExactly(snapshot);
            } else {
                assertThat(exit).isEqualTo(86);
                assertThat(fld.repair()).singleElement().satisfies(line -> assertThat(line).contains("\"" + snapshot + "\"")
                        .contains("removed"));
                assertThat(fld.snapshots()).isEmpty();
                assertThat(cluster.leftovers()).as("only the branch's own dataset and its origin snapshot")
                        .noneMatch(d -> d.contains(snapshot));
                fld.getBranch(branch).snapshot(snapshot, CopyOptions.DEFAULTS); // the name is free again
            }
            fld.getBranch(branch).delete(true);
            assertThat(fld.snapshots()).isEmpty();
            assertThat(cluster.leftovers()).isEmpty();
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

    /** The state of the catalog row of {@code name}, read without going through Foldout (which would repair it). */
    private static Optional<String> catalogState(String name) throws SQLException {
        try (Connection c = ZfsCluster.connect(cluster.url("foldout_catalog"));
             PreparedStatement st = c.prepareStatement("select state from foldout.instances where name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static int runChild(String failpoint, String op, String... args) throws IOException, InterruptedException {
        String url = cluster.url("app").jdbcUrlWithCredentials();
        return op.equals("branch") ? CrashChild.run(failpoint, url, op, "zfs", args[0]) : CrashChild.run(failpoint, url, op, args);
    }
}
