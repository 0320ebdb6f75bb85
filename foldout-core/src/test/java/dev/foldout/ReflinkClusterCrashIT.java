package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.CrashChild;
import dev.foldout.testing.XfsCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Foldout process killed between any two steps of making or deleting a {@code reflink-cluster} branch (a child JVM
 * halted by a failpoint at step 1, 2, ... until one lets the operation finish): each time its catalog row is left
 * behind, the next call repairs it and says so, and then no branch directory, no server and no catalog row is left.
 */
class ReflinkClusterCrashIT {
    private static final int MAX_STEPS = 40;
    private static XfsCluster cluster;
    private static Path root;

    @BeforeAll
    static void start() throws SQLException {
        cluster = XfsCluster.start("rcrash", 100);
        root = cluster.root;
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killedAtEveryStepOfBranchingLeavesNothingOnceRepaired() throws Exception {
        int step = 1;
        for (; step <= MAX_STEPS; step++) {
            String name = "crash/b" + step;
            int exit = CrashChild.run("instance-branch:" + step, url(), "branch", "reflink-cluster", name);
            if (exit == 0) {
                try (Foldout fld = foldout()) {
                    assertThat(fld.repair()).isEmpty();
                    fld.getBranch(name).delete(false);
                }
                break;
            }
            assertThat(exit).as("step " + step).isEqualTo(CrashChild.HALTED);
            assertThat(catalogState(name)).as("left behind at step " + step).contains("CREATING");
            assertRepairedAndClean(name, "left creating");
        }
        assertThat(step).as("the branch finished once halted past its last step").isBetween(6, MAX_STEPS);
    }

    @Test
    void killedAtEveryStepOfDeletingIsFinishedByTheNextCall() throws Exception {
        int step = 1;
        for (; step <= MAX_STEPS; step++) {
            String name = "crash-delete-" + step;
            Path dataDir;
            try (Foldout fld = foldout()) {
                dataDir = fld.defaultDatabase().branch(name, CopyOptions.DEFAULTS.withBackend("reflink-cluster"))
                        .instance().orElseThrow().dataDirectory();
            }
            int exit = CrashChild.run("instance-delete:" + step, url(), "delete", name);
            if (exit == 0) {
                assertThat(Files.exists(dataDir)).isFalse();
                break;
            }
            assertThat(exit).as("step " + step).isEqualTo(CrashChild.HALTED);
            assertThat(catalogState(name)).as("left behind at step " + step).contains("DELETING");
            assertRepairedAndClean(name, "left deleting");
            assertThat(Files.exists(dataDir)).isFalse();
        }
        assertThat(step).as("the delete finished once halted past its last step").isEqualTo(4);
    }

    @Test
    void killedAtEveryStepOfSnapshottingLeavesNoSnapshotTheCatalogDoesNotHave() throws Exception {
        try (Foldout fld = foldout()) {
            fld.defaultDatabase().branch("crash-snap", CopyOptions.DEFAULTS.withBackend("reflink-cluster"));
            int step = 1;
            for (; step <= MAX_STEPS; step++) {
                String snapshot = "crash-snap-s" + step;
                int exit = CrashChild.run("instance-snapshot:" + step, url(), "snapshot", "crash-snap", snapshot);
                if (exit == 0) {
                    assertThat(fld.repair()).isEmpty();
                    assertThat(fld.snapshots()).extracting(RefInfo::name).containsExactly(snapshot);
                    break;
                }
                assertThat(exit).as("step " + step).isEqualTo(CrashChild.HALTED);
                assertThat(fld.repair()).singleElement().satisfies(line -> assertThat(line).contains("\"" + snapshot + "\"")
                        .contains("removed"));
                assertThat(fld.snapshots()).isEmpty();
                assertThat(leftovers()).as("only the branch's directory and its merge base").containsExactlyInAnyOrder(
                        "crash-snap", "crash-snap@" + fld.getBranch("crash-snap").info().base().orElseThrow().database());
            }
            assertThat(step).as("the snapshot finished once halted past its last step").isBetween(3, MAX_STEPS);
            fld.getBranch("crash-snap").delete(true);
            assertThat(leftovers()).isEmpty();
        }
    }

    @Test
    void aMergeKilledAtEveryStepIsRepairedAndMergingAgainGivesTheMergedState() throws Exception {
        int step = 1;
        for (; step <= MAX_STEPS; step++) {
            String name = "crash-merge-" + step;
            try (Foldout fld = foldout()) {
                cluster.exec("app", "update t set v = 'row ' || id");
                Branch b = fld.defaultDatabase().branch(name, CopyOptions.DEFAULTS.withBackend("reflink-cluster"));
                cluster.exec("app", "update t set v = 'parent' where id = 1");
                try (Connection c = b.open(); Statement st = c.createStatement()) {
                    st.execute("update t set v = 'branch' where id = 2");
                }
                String base = b.info().base().orElseThrow().database();
                int exit = CrashChild.run("instance-merge:" + step, url(), "merge", name);
                assertThat(exit).as("step " + step).isIn(0, CrashChild.HALTED);
                // the dead child's catalog session ends a moment after the child: the repair acts once it has
                assertThat(dev.foldout.testing.TestFoldout.eventually(() -> {
                    fld.repair();
                    return count("select count(*) from foldout.instances where starts_with(name, 'foldout_mergebase_')") == 0
                            && count("select count(*) from foldout.operations") == 0;
                })).as("servers the merge read its base through and open journal entries, after step " + step).isTrue();
                assertThat(catalogState(name)).as("the branch after a merge killed at step " + step).contains("READY");
                assertThat(leftovers()).as("after step " + step).allMatch(n -> n.equals(name) || n.startsWith(name + "@foldout_ibase_"));
                assertThat(values()).as("the parent after step " + step).isIn("parent,row 2", "parent,branch");
                if (exit == 0) {
                    assertThat(b.info().base().orElseThrow().database()).isNotEqualTo(base);
                    b.delete(true);
                    break;
                }
                b.merge(MergeOptions.DEFAULTS);
                assertThat(values()).as("merged again after step " + step).isEqualTo("parent,branch");
                assertThat(b.merge(MergeOptions.DEFAULTS).rowsChanged()).as("and nothing twice").isZero();
                b.delete(true);
                assertThat(leftovers()).isEmpty();
            }
        }
        assertThat(step).as("the merge finished once halted past its last step").isBetween(4, MAX_STEPS);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"instance-rebuild", "instance-swap"})
    void aResetKilledAtEveryStepLeavesTheBranchServedOldOrNew(String phase) throws Exception {
        int step = 1;
        for (; step <= MAX_STEPS; step++) {
            String name = "crash-reset-" + phase.substring(9) + step;
            try (Foldout fld = foldout()) {
                cluster.exec("app", "update t set v = 'row ' || id");
                Branch b = fld.defaultDatabase().branch(name, CopyOptions.DEFAULTS.withBackend("reflink-cluster"));
                int port = b.instance().orElseThrow().port();
                try (Connection c = b.open(); Statement st = c.createStatement()) {
                    st.execute("update t set v = 'branch' where id = 2");
                }
                int exit = CrashChild.run(phase + ":" + step, url(), "reset", name);
                assertThat(exit).as(phase + " step " + step).isIn(0, CrashChild.HALTED);
                assertThat(dev.foldout.testing.TestFoldout.eventually(() -> {
                    fld.repair();
                    return count("select count(*) from foldout.instances where name <> '" + name + "'") == 0
                            && count("select count(*) from foldout.operations") == 0;
                })).as("no fresh or old copy and no open journal entry is left after %s step %d", phase, step).isTrue();
                InstanceInfo info = fld.getBranch(name).instance().orElseThrow();
                assertThat(info.state()).as("the branch after %s step %d", phase, step).isEqualTo(InstanceState.RUNNING);
                assertThat(info.port()).isEqualTo(port);
                String v;
                try (Connection c = fld.getBranch(name).open(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select v from t where id = 2")) {
                    rs.next();
                    v = rs.getString(1);
                }
                assertThat(v).as("the branch, old or reset, after %s step %d", phase, step).isIn("branch", "row 2");
                fld.getBranch(name).reset(false);
                fld.getBranch(name).delete(true);
                assertThat(leftovers()).isEmpty();
                if (exit == 0) {
                    break;
                }
            }
        }
        assertThat(step).as("the reset finished once halted past its last step").isBetween(2, MAX_STEPS);
    }

    /** The parent's rows 1 and 2, their texts joined. */
    private static String values() throws SQLException {
        try (Connection c = connect("app"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select string_agg(v, ',' order by id) from t where id in (1, 2)")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A count read from the catalog. */
    private static long count(String sql) {
        try (Connection c = connect("foldout_catalog"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRepairedAndClean(String name, String how) throws SQLException, IOException {
        try (Foldout fld = foldout()) {
            assertThat(fld.repair()).anySatisfy(line -> assertThat(line).contains("\"" + name + "\"").contains(how));
            assertThat(fld.instances()).isEmpty();
            assertThat(fld.branches()).isEmpty();
            assertThat(catalogState(name)).isEmpty();
            assertThat(leftovers()).isEmpty();
            try (Connection c = fld.defaultDatabase().open(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select count(*) from t")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the parent serves on").isEqualTo(100);
            }
        }
    }

    /** What is in the branches' directory besides its marker, and any server still running on a branch's files. */
    private static List<String> leftovers() throws IOException {
        Path container = root.resolve("data.foldout");
        if (!Files.exists(container)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(container)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        }
    }

    private static Optional<String> catalogState(String name) throws SQLException {
        try (Connection c = connect("foldout_catalog");
             PreparedStatement st = c.prepareStatement("select state from foldout.instances where name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static String url() {
        return cluster.url("app").jdbcUrlWithCredentials();
    }

    private static Foldout foldout() {
        return cluster.foldout();
    }

    private static Connection connect(String database) throws SQLException {
        return cluster.connect(database);
    }
}
