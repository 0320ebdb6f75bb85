package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.XfsCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instance branches by reflink ({@code reflink-cluster}) of a running cluster on a real XFS (reflink=1). */
class ReflinkClusterBranchIT {
    private static final CopyOptions REFLINK = CopyOptions.DEFAULTS.withBackend("reflink-cluster");
    private static XfsCluster cluster;
    private static Path root;

    @BeforeAll
    static void start() throws SQLException {
        cluster = XfsCluster.start("rcluster", 500);
        root = cluster.root;
    }

    @AfterAll
    static void stop() throws IOException, InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Foldout foldout() {
        return cluster.foldout();
    }

    @Test
    void branchesOfARunningClusterWriteIndependentlyAndLeaveNothingWhenDeleted() throws SQLException {
        try (Foldout fld = foldout()) {
            cluster.exec("app", "insert into t values (1000, 'written just before the branch')");
            Branch a = fld.defaultDatabase().branch("review/a", REFLINK);
            InstanceInfo ia = a.instance().orElseThrow();
            assertThat(ia.state()).isEqualTo(InstanceState.RUNNING);
            assertThat(ia.dataDirectory()).isEqualTo(root.resolve("data.foldout/review:a"));
            assertThat(a.info().copy().method()).isEqualTo(CopyMethod.CLONE);
            // e.g. "cloned 1646 files (2041.3 MB) in 149 ms, 2041.4 MB shared": FIEMAP found the extents shared
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([0-9.]+) MB\\).*, ([0-9.]+) MB shared")
                    .matcher(a.info().copy().note());
            assertThat(m.find()).as(a.info().copy().note()).isTrue();
            assertThat(Double.parseDouble(m.group(2))).isGreaterThanOrEqualTo(0.9 * Double.parseDouble(m.group(1)));
            Branch b = a.branch("review/b", CopyOptions.DEFAULTS);
            try (Connection ca = a.open(); Connection cb = b.open(); Statement sa = ca.createStatement();
                 Statement sb = cb.createStatement()) {
                assertThat(count(sa)).isEqualTo(501);
                sa.execute("delete from t where id > 250");
                sb.execute("insert into t values (2000, 'b only')");
                assertThat(count(sa)).isEqualTo(250);
                assertThat(count(sb)).isEqualTo(502);
            }
            try (Connection c = fld.defaultDatabase().open(); Statement st = c.createStatement()) {
                assertThat(count(st)).isEqualTo(501);
            }
            assertThatThrownBy(() -> a.delete(false)).isInstanceOf(FoldoutException.class).hasMessageContaining("review/b");
            a.delete(true);
            assertThat(fld.instances()).isEmpty();
            assertThat(fld.branches()).isEmpty();
            assertThat(Files.exists(root.resolve("data.foldout"))).isFalse();
            assertThat(List.of(root.toFile().list())).containsExactlyInAnyOrder("data", "server.log");
        }
    }

    @Test
    void snapshotsOfABranchAreBranchedAndGoWithIt() throws SQLException {
        try (Foldout fld = foldout()) {
            Branch a = fld.defaultDatabase().branch("snapbase", REFLINK);
            long base;
            try (Connection c = a.open(); Statement st = c.createStatement()) {
                base = count(st);
                st.execute("insert into t values (9000, 'before the snapshot')");
            }
            a.snapshot("snapbase/s1", CopyOptions.DEFAULTS.withMessage("first commit"));
            try (Connection c = a.open(); Statement st = c.createStatement()) {
                st.execute("insert into t values (9001, 'after the snapshot')");
            }
            assertThat(fld.snapshots()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("snapbase/s1");
                assertThat(s.parent()).isEqualTo("snapbase");
                assertThat(s.message()).isEqualTo("first commit");
                assertThat(s.backend()).isEqualTo("reflink-cluster");
            });
            Path snapshotDir = root.resolve("data.foldout/snapbase@snapbase:s1");
            assertThat(snapshotDir.resolve("backup_label")).as("a base backup, never started").exists();
            assertThat(snapshotDir.resolve("postmaster.pid")).doesNotExist();

            Branch fromSnap = fld.getSnapshot("snapbase/s1").branch("from-s1", CopyOptions.DEFAULTS);
            assertThat(fromSnap.info().copy().method()).isEqualTo(CopyMethod.CLONE);
            assertThat(fromSnap.instance().orElseThrow().dataDirectory()).isEqualTo(root.resolve("data.foldout/from-s1"));
            try (Connection c = fromSnap.open(); Statement st = c.createStatement()) {
                assertThat(count(st)).as("the snapshot's rows: 9000 in, 9001 not").isEqualTo(base + 1);
                try (ResultSet rs = st.executeQuery("select count(*) from t where id = 9001")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
                st.execute("insert into t values (9002, 'only in the branch of the snapshot')");
            }
            try (Connection c = a.open(); Statement st = c.createStatement()) {
                assertThat(count(st)).as("the snapshotted branch goes on by itself").isEqualTo(base + 2);
            }
            assertThatThrownBy(() -> fld.getSnapshot("snapbase/s1").delete(false)).isInstanceOf(FoldoutException.class)
                    .hasMessageContaining("from-s1");

            a.delete(true); // its snapshot, and the branch made from that, go with it
            assertThat(fld.snapshots()).isEmpty();
            assertThat(fld.instances()).isEmpty();
            assertThat(fld.branches()).isEmpty();
            assertThat(Files.exists(root.resolve("data.foldout"))).isFalse();
        }
    }

    @Test
    void aResetBranchIsAFreshCopyOfItsParentOnTheSamePort() throws SQLException {
        try (Foldout fld = foldout()) {
            Branch r = fld.defaultDatabase().branch("review/reset", REFLINK);
            int port = r.instance().orElseThrow().port();
            String url = r.jdbcUrl();
            try (Connection cr = r.open(); Statement sr = cr.createStatement()) {
                sr.execute("delete from t where id <= 100");
                sr.execute("create table mine(x int)");
            }
            cluster.exec("app", "insert into t values (2000, 'the parent''s, after the branch')");
            try {
                resetAndCheck(fld, r, port, url);
            } finally {
                cluster.exec("app", "delete from t where id = 2000"); // the other tests count app's rows
                fld.findBranch("review/reset").ifPresent(b -> b.delete(true));
            }
        }
    }

    private static void resetAndCheck(Foldout fld, Branch r, int port, String url) throws SQLException {
        r.reset(false);
        Branch again = fld.getBranch("review/reset");
        assertThat(again.instance().orElseThrow().port()).as("the same port, so the same URL").isEqualTo(port);
        assertThat(again.jdbcUrl()).isEqualTo(url);
        try (Connection cr = again.open(); Statement sr = cr.createStatement();
             java.sql.ResultSet rs = sr.executeQuery("select count(*), count(*) filter (where id = 2000), "
                     + "to_regclass('mine') is null from t")) {
            rs.next();
            assertThat(rs.getLong(2)).as("the parent's row written after the branch").isEqualTo(1);
            assertThat(rs.getBoolean(3)).as("the branch's own table is gone").isTrue();
        }
        try (Connection cp = cluster.connect("app"); Connection cr = again.open();
             Statement sp = cp.createStatement(); Statement sr = cr.createStatement()) {
            assertThat(count(sr)).as("every row of the parent, none deleted").isEqualTo(count(sp));
        }
    }

    private static long count(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select count(*) from t")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
