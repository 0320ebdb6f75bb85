package dev.foldout.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.Branch;
import dev.foldout.CopyMethod;
import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import dev.foldout.InstanceInfo;
import dev.foldout.InstanceState;
import dev.foldout.RefKind;
import dev.foldout.zfs.internal.Zfs;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instance branches on a real zfs pool: made, used, written, stopped, started, branched again and deleted. */
class ZfsBranchIT {
    private static final CopyOptions ZFS = CopyOptions.DEFAULTS.withBackend("zfs");
    private static ZfsCluster cluster;

    @BeforeAll
    static void start() {
        cluster = ZfsCluster.start(1000);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoBranchesServeTheirOwnCopiesAndWriteIndependently() throws SQLException {
        try (Foldout fld = cluster.foldout()) {
            Branch a = fld.defaultDatabase().branch("feature/auth", ZFS.withMessage("auth work"));
            Branch b = fld.defaultDatabase().branch("feature-b", ZFS);
            InstanceInfo ia = a.instance().orElseThrow();
            InstanceInfo ib = b.instance().orElseThrow();
            assertThat(ia.state()).isEqualTo(InstanceState.RUNNING);
            assertThat(ia.port()).isNotEqualTo(ib.port()).isNotEqualTo(fld.server().port());
            assertThat(ia.location()).endsWith(cluster.dataset + ".foldout/feature:auth");
            assertThat(a.jdbcUrl()).contains("127.0.0.1:" + ia.port() + "/app");
            assertThat(a.info().copy().method()).isEqualTo(CopyMethod.CLONE);
            assertThat(a.info().kind()).isEqualTo(RefKind.BRANCH);
            assertThat(a.info().message()).isEqualTo("auth work");
            assertThat(Zfs.get("dev.foldout:port", cluster.dataset + ".foldout/feature:auth")).contains(Integer.toString(ia.port()));
            assertThat(Zfs.get("dev.foldout:branch", cluster.dataset + ".foldout/feature:auth")).contains("feature/auth");

            try (Connection ca = a.open(); Connection cb = b.open(); Statement sa = ca.createStatement();
                 Statement sb = cb.createStatement()) {
                assertThat(ZfsCluster.count(ca)).isEqualTo(1000);
                sa.execute("delete from t where id <= 100");
                sb.execute("insert into t values (5000, 'only on b')");
                assertThat(ZfsCluster.count(ca)).isEqualTo(900);
                assertThat(ZfsCluster.count(cb)).isEqualTo(1001);
                // published on the loopback address only, with no Unix socket, and with the parent's password auth
                try (var rs = sa.executeQuery("select current_setting('listen_addresses'), "
                        + "current_setting('unix_socket_directories')")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
                    assertThat(rs.getString(2)).isEmpty();
                }
            }
            var wrongPassword = new dev.foldout.ConnectionUrl("127.0.0.1", ia.port(), "app", cluster.url("app").user(),
                    "not-the-password", java.util.Map.of());
            assertThatThrownBy(() -> ZfsCluster.connect(wrongPassword).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (Connection parent = fld.defaultDatabase().open()) {
                assertThat(ZfsCluster.count(parent)).isEqualTo(1000);
            }
            assertThat(fld.instances()).extracting(InstanceInfo::name).contains("feature/auth", "feature-b");
            // the catalog copied into b knows none of the parent's instance branches (nor b itself, half-made)
            var inB = cluster.url("app");
            try (Foldout onB = Foldout.connect(new dev.foldout.ConnectionUrl("127.0.0.1", ib.port(), "app", inB.user(),
                    inB.password(), java.util.Map.of()).jdbcUrlWithCredentials())) {
                assertThat(onB.instances()).isEmpty();
                assertThat(onB.branches()).isEmpty();
            }
            assertThat(b.instance().orElseThrow().state()).isEqualTo(InstanceState.RUNNING);

            a.delete(false);
            b.delete(false);
            assertThat(fld.instances()).isEmpty();
            assertThat(fld.branches()).isEmpty();
            assertThat(cluster.leftovers()).isEmpty();
            assertThat(Files.exists(ia.dataDirectory())).isFalse();
        }
    }

    @Test
    void stoppedBranchKeepsItsDataAndStartsAgainOnItsPort() throws SQLException {
        try (Foldout fld = cluster.foldout()) {
            Branch a = fld.defaultDatabase().branch("restartable", ZFS.withListenAddress("0.0.0.0"));
            assertThat(a.instance().orElseThrow().host()).isEqualTo("127.0.0.1"); // reached through loopback
            try (Connection c = a.open(); Statement st = c.createStatement()) {
                st.execute("insert into t values (7000, 'kept')");
            }
            int port = a.instance().orElseThrow().port();
            a.stop();
            assertThat(a.instance().orElseThrow().state()).isEqualTo(InstanceState.STOPPED);
            assertThatThrownBy(a::open).isInstanceOf(FoldoutException.class);
            a.start();
            assertThat(a.instance().orElseThrow().state()).isEqualTo(InstanceState.RUNNING);
            assertThat(a.instance().orElseThrow().port()).isEqualTo(port);
            try (Connection c = a.open()) {
                assertThat(ZfsCluster.count(c)).isEqualTo(1001);
            }
            a.delete(false);
            assertThat(cluster.leftovers()).isEmpty();
        }
    }

    @Test
    void aResetBranchThrowsItsWorkAwayAndKeepsItsPortAndListenAddress() throws SQLException {
        try (Foldout fld = cluster.foldout()) {
            Branch a = fld.defaultDatabase().branch("resettable", ZFS.withListenAddress("0.0.0.0"));
            int port = a.instance().orElseThrow().port();
            try (Connection c = a.open(); Statement st = c.createStatement()) {
                st.execute("delete from t where id > 10");
            }
            try {
                a.reset(false);
                Branch again = fld.getBranch("resettable");
                assertThat(again.instance().orElseThrow().port()).isEqualTo(port);
                assertThat(again.instance().orElseThrow().state()).isEqualTo(InstanceState.RUNNING);
                try (Connection c = again.open()) {
                    assertThat(ZfsCluster.count(c)).as("the parent's rows again").isEqualTo(1000);
                }
            } finally {
                fld.findBranch("resettable").ifPresent(b -> b.delete(true)); // the other tests find no branch left
            }
            assertThat(cluster.leftovers()).isEmpty();
        }
    }

    @Test
    void branchOfABranchIsRefusedOnDeleteUntilForced() throws SQLException {
        try (Foldout fld = cluster.foldout()) {
            Branch parent = fld.defaultDatabase().branch("base", ZFS);
            try (Connection c = parent.open(); Statement st = c.createStatement()) {
                st.execute("insert into t values (8000, 'from base')");
            }
            Branch child = parent.branch("base/child", CopyOptions.DEFAULTS);
            assertThat(child.instance().orElseThrow().parent()).isEqualTo("base");
            try (Connection c = child.open()) {
                assertThat(ZfsCluster.count(c)).isEqualTo(1001);
            }
            assertThat(child.instance().orElseThrow().location()).endsWith(cluster.dataset + ".foldout/base:child");

            assertThatThrownBy(() -> parent.delete(false)).isInstanceOf(FoldoutException.class)
                    .hasMessageContaining("base/child").hasMessageContaining("with force (delete(true))");
            assertThat(child.instance().orElseThrow().state()).isEqualTo(InstanceState.RUNNING);

            parent.delete(true);
            assertThat(fld.instances()).isEmpty();
            assertThat(fld.branches()).isEmpty();
            assertThat(cluster.leftovers()).isEmpty();
        }
    }

    @Test
    void snapshotsOfABranchAreBranchedAndGoWithIt() throws SQLException {
        try (Foldout fld = cluster.foldout()) {
            Branch a = fld.defaultDatabase().branch("snapbase", ZFS);
            try (Connection c = a.open(); Statement st = c.createStatement()) {
                st.execute("insert into t values (9000, 'before the snapshot')");
            }
            a.snapshot("snapbase-s1", CopyOptions.DEFAULTS.withMessage("first commit"));
            try (Connection c = a.open(); Statement st = c.createStatement()) {
                st.execute("insert into t values (9001, 'after the snapshot')");
            }
            assertThat(fld.snapshots()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("snapbase-s1");
                assertThat(s.parent()).isEqualTo("snapbase");
                assertThat(s.message()).isEqualTo("first commit");
                assertThat(s.backend()).isEqualTo("zfs");
            });
            assertThat(Zfs.exists(cluster.dataset + ".foldout/snapbase@snapshot.snapbase-s1")).isTrue();

            Branch fromSnap = fld.getSnapshot("snapbase-s1").branch("from-s1", CopyOptions.DEFAULTS);
            try (Connection c = fromSnap.open(); Statement st = c.createStatement()) {
                assertThat(ZfsCluster.count(c)).isEqualTo(1001);
                try (var rs = st.executeQuery("select count(*) from t where id = 9001")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
            assertThatThrownBy(() -> fld.getSnapshot("snapbase-s1").delete(false)).isInstanceOf(FoldoutException.class)
                    .hasMessageContaining("from-s1");
            assertThatThrownBy(() -> fld.getSnapshot("snapbase-s1").restore(CopyOptions.DEFAULTS))
                    .isInstanceOf(dev.foldout.NotSupportedException.class);

            a.delete(true);
            assertThat(fld.instances()).isEmpty();
            assertThat(fld.branches()).isEmpty();
            assertThat(fld.snapshots()).isEmpty();
            assertThat(cluster.leftovers()).isEmpty();
        }
    }
}
