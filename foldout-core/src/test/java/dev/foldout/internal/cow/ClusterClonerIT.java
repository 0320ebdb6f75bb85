package dev.foldout.internal.cow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.TestClusters;
import dev.foldout.NotSupportedException;
import dev.foldout.server.PostgresServer;
import dev.foldout.testing.TestFilesystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clones of a running cluster on XFS (reflink=1) under write load, with a tablespace outside the data directory,
 * started as clusters of their own; a target on another file system; and the same on btrfs.
 */
class ClusterClonerIT {
    private static Path root;
    private static PostgresServer source;

    @BeforeAll
    static void startSource() throws Exception {
        root = Files.createDirectories(TestFilesystems.xfs().resolve("cluster-cloner-" + ProcessHandle.current().pid()));
        source = TestClusters.in(root.resolve("src"), Map.of()).start();
        Path spc = TestClusters.ownedDirectory(root.resolve("spc"));
        TestClusters.exec(source, "postgres",
                "create table t(id int primary key, v text)",
                "insert into t select g, 'row ' || g from generate_series(1, 5000) g",
                "create table w(id bigserial primary key, at timestamptz default clock_timestamp())",
                "create tablespace spc location '" + spc + "'",
                "create table in_spc(id int primary key) tablespace spc",
                "insert into in_spc select generate_series(1, 100)");
    }

    @AfterAll
    static void stopSource() {
        if (root != null) {
            TestClusters.destroy(root, source);
        }
    }

    @Test
    void aCloneUnderWriteLoadStartsOnItsOwnPortWithEveryRowCommittedBeforeIt() throws Exception {
        Path cloneDir = TestClusters.ownedDirectory(root.resolve("clone"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong committed = new AtomicLong();
        Thread writer = writer(stop, committed);
        PostgresServer clone = TestClusters.in(cloneDir, Map.of());
        try {
            while (committed.get() < 50) {
                Thread.sleep(10);
            }
            long before = committed.get();
            List<String> steps = new ArrayList<>();
            ClusterCloneReport report;
            try (Connection c = TestClusters.connect(source, "postgres")) {
                report = ClusterCloner.cloneRunning(c, source.spec().dataDirectory(), clone.spec().dataDirectory(), steps::add);
            }
            long after = committed.get();
            System.out.println("ClusterClonerIT: " + report.describe() + "; writer committed " + before + " rows before, "
                    + after + " after");
            assertThat(after).as("the writer kept going during the clone").isGreaterThan(before);
            assertThat(steps).anyMatch(s -> s.startsWith("starting a base backup"));
            assertThat(report.backupStop()).isGreaterThan(report.backupStart());
            assertThat(report.files()).isPositive();
            assertThat(report.fellBackToCopy()).isFalse();
            assertThat(report.sharedBytes()).as("XFS shares the cloned extents").isGreaterThan(report.bytes() * 8 / 10);
            assertThat(report.tablespaces()).containsExactly(Tablespaces.root(clone.spec().dataDirectory()).resolve(oid()));
            assertThat(clone.spec().dataDirectory().resolve("postmaster.pid")).doesNotExist();
            assertThat(clone.spec().dataDirectory().resolve("backup_label")).exists();

            clone.start();
            assertThat(clone.port()).isNotEqualTo(source.port());
            assertThat(TestClusters.count(clone, "postgres", "t")).isEqualTo(5000);
            assertThat(TestClusters.count(clone, "postgres", "w")).isGreaterThanOrEqualTo(before);
            assertThat(TestClusters.count(clone, "postgres", "in_spc")).isEqualTo(100);
            try (Connection c = TestClusters.connect(clone, "postgres"); Statement st = c.createStatement();
                 var rs = st.executeQuery("select pg_tablespace_location(oid) from pg_tablespace where spcname = 'spc'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(report.tablespaces().get(0).toString());
            }
            TestClusters.exec(clone, "postgres", "delete from t where id <= 1000", "delete from in_spc where id <= 10");
            assertThat(TestClusters.count(clone, "postgres", "t")).isEqualTo(4000);
            assertThat(TestClusters.count(source, "postgres", "t")).isEqualTo(5000);
            assertThat(TestClusters.count(source, "postgres", "in_spc")).isEqualTo(100);
            assertThat(TestClusters.count(source, "postgres", "w")).isGreaterThanOrEqualTo(after);
        } finally {
            stop.set(true);
            writer.join(10_000);
            clone.stop();
        }
    }

    @Test
    void aTargetOnAnotherFileSystemIsRefusedTheBackupEndedAndNothingLeft() throws Exception {
        Path other = Files.createDirectories(TestFilesystems.btrfs().resolve("cluster-cloner-" + ProcessHandle.current().pid()));
        Path target = other.resolve("data");
        try (Connection c = TestClusters.connect(source, "postgres")) {
            assertThatThrownBy(() -> ClusterCloner.cloneRunning(c, source.spec().dataDirectory(), target, s -> { }))
                    .isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("different file systems")
                    .hasMessageContaining(source.spec().dataDirectory().toString());
            assertThatThrownBy(() -> c.createStatement().execute("select pg_backup_stop(false)"))
                    .as("the backup was ended").isInstanceOf(SQLException.class).hasMessageContaining("backup is not in progress");
        } finally {
            assertThat(target).doesNotExist();
            assertThat(Tablespaces.root(target)).doesNotExist();
            TestClusters.destroy(other);
        }
    }

    @Test
    void aTargetOnAFileSystemWithoutReflinkIsRefusedBeforeTheBackupStarts() throws Exception {
        Path plain = Files.createTempDirectory("cluster-cloner-");
        Path target = plain.resolve("data");
        TestFilesystems.require(!Set.of("xfs", "btrfs", "zfs").contains(Files.getFileStore(plain).type()),
                "the temporary directory " + plain + " is on a reflink file system");
        try (Connection c = TestClusters.connect(source, "postgres")) {
            assertThatThrownBy(() -> ClusterCloner.cloneRunning(c, source.spec().dataDirectory(), target, s -> { }))
                    .isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining(target.toString());
        } finally {
            assertThat(target).doesNotExist();
            TestClusters.destroy(plain);
        }
    }

    @Test
    void badDirectoriesAreRefusedWithTheFix() throws Exception {
        try (Connection c = TestClusters.connect(source, "postgres")) {
            assertThatThrownBy(() -> ClusterCloner.cloneRunning(c, root.resolve("spc"), root.resolve("x"), s -> { }))
                    .hasMessageContaining("is not a PostgreSQL data directory");
            assertThatThrownBy(() -> ClusterCloner.cloneRunning(c, source.spec().dataDirectory(),
                    source.spec().dataDirectory().resolve("inside"), s -> { })).hasMessageContaining("inside the other");
            assertThatThrownBy(() -> ClusterCloner.cloneRunning(c, source.spec().dataDirectory(), root.resolve("spc"), s -> { }))
                    .hasMessageContaining("not an empty directory");
        }
    }

    @Test
    void aClusterOnBtrfsIsClonedAndStarts() throws Exception {
        Path dir = Files.createDirectories(TestFilesystems.btrfs().resolve("cluster-cloner-src-" + ProcessHandle.current().pid()));
        PostgresServer onBtrfs = TestClusters.in(dir.resolve("src"), Map.of());
        PostgresServer clone = TestClusters.in(TestClusters.ownedDirectory(dir.resolve("clone")), Map.of());
        try {
            onBtrfs.start();
            TestClusters.exec(onBtrfs, "postgres", "create table b(id int)", "insert into b select generate_series(1, 300)");
            ClusterCloneReport report;
            try (Connection c = TestClusters.connect(onBtrfs, "postgres")) {
                report = ClusterCloner.cloneRunning(c, onBtrfs.spec().dataDirectory(), clone.spec().dataDirectory(), s -> { });
            }
            System.out.println("ClusterClonerIT on btrfs: " + report.describe());
            assertThat(report.fellBackToCopy()).isFalse();
            assertThat(report.sharedBytes()).isPositive();
            clone.start();
            assertThat(TestClusters.count(clone, "postgres", "b")).isEqualTo(300);
        } finally {
            TestClusters.destroy(dir, clone, onBtrfs);
        }
    }

    private static String oid() throws SQLException {
        try (Connection c = TestClusters.connect(source, "postgres"); Statement st = c.createStatement();
             var rs = st.executeQuery("select oid from pg_tablespace where spcname = 'spc'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Thread writer(AtomicBoolean stop, AtomicLong committed) {
        Thread t = new Thread(() -> {
            try (Connection c = TestClusters.connect(source, "postgres"); Statement st = c.createStatement()) {
                while (!stop.get()) {
                    st.execute("insert into w default values");
                    committed.incrementAndGet();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "cluster-cloner-it-writer");
        t.start();
        return t;
    }
}
