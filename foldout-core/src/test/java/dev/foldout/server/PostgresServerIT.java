package dev.foldout.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.FoldoutException;
import dev.foldout.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerIT {

    @Test
    void theTestClusterAnswersQueriesAndRunsAsAnUnprivilegedAccount() throws Exception {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int, current_setting('listen_addresses')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1) / 10000).isEqualTo(TestPostgres.instance().spec().binaries().majorVersion());
            assertThat(rs.getString(2)).isEqualTo("127.0.0.1");
        }
        Path pid = TestPostgres.instance().spec().dataDirectory().resolve("postmaster.pid");
        String owner = Files.getOwner(pid).getName();
        assertThat(owner).isNotEqualTo("root");
    }

    @Test
    void aSecondClusterStartsOnAnotherPortStopsAndIsDestroyed() throws Exception {
        Path dir = Files.createTempDirectory("foldout-instance-it-");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ServerSpec spec = ServerSpec.builder(TestPostgres.instance().spec().binaries(), dir.resolve("c")).password("pw").build();
        PostgresServer second = PostgresServer.of(spec);
        try {
            second.start();
            assertThat(second.port()).isNotEqualTo(TestPostgres.instance().port());
            assertThat(second.isRunning()).isTrue();
            int first = second.port();
            second.start(); // already running: reused
            second.stop();
            assertThat(second.isRunning()).isFalse();
            second.start(); // restart on the same data
            assertThat(second.isRunning()).isTrue();
            assertThat(second.port()).as("a cluster given no port keeps its own across restarts").isEqualTo(first);
            second.stop();
            try (java.net.ServerSocket squatter = new java.net.ServerSocket()) {
                squatter.bind(new java.net.InetSocketAddress("127.0.0.1", first)); // another program takes the port
                second.start();
                assertThat(second.isRunning()).isTrue();
                assertThat(second.port()).as("a port taken meanwhile is replaced").isNotEqualTo(first);
            }
        } finally {
            second.destroy();
        }
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void aServerThatCannotStartReportsItsLog() throws Exception {
        Path dir = Files.createTempDirectory("foldout-instance-bad-");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ServerSpec spec = ServerSpec.builder(TestPostgres.instance().spec().binaries(), dir.resolve("c"))
                .port(TestPostgres.instance().port()).build();
        PostgresServer clash = PostgresServer.of(spec);
        try {
            assertThatThrownBy(clash::start).isInstanceOf(FoldoutException.class)
                    .hasMessageContaining("did not start on port " + TestPostgres.instance().port())
                    .hasMessageContaining("server.log");
        } finally {
            clash.destroy();
        }
    }

    @Test
    void aDataDirectoryOfAnotherMajorVersionIsNamedAsSuch() throws Exception {
        Path dir = Files.createTempDirectory("foldout-instance-version-");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        ServerSpec spec = ServerSpec.builder(TestPostgres.instance().spec().binaries(), dir.resolve("c")).password("pw").build();
        Files.createDirectories(spec.dataDirectory());
        Files.writeString(spec.dataDirectory().resolve("PG_VERSION"), "13\n");
        PostgresServer old = PostgresServer.of(spec);
        try {
            assertThatThrownBy(old::start).isInstanceOf(FoldoutException.class)
                    .hasMessageContaining("holds PostgreSQL 13, but the binaries are PostgreSQL "
                            + spec.binaries().version())
                    .hasMessageNotContaining("\n");
            assertThat(spec.dataDirectory().resolve("PG_VERSION")).hasContent("13\n");
        } finally {
            old.destroy();
        }
    }

    @Test
    void aHomeTheServersAccountCannotEnterIsNamed() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestPostgres.instance().spec().account().switches(),
                "the server runs as this process's own account, which can enter its own directories");
        Path closed = Files.createTempDirectory("foldout-closed-");
        Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        ServerSpec spec = ServerSpec.builder(TestPostgres.instance().spec().binaries(), closed.resolve("home").resolve("c"))
                .password("pw").build();
        PostgresServer blocked = PostgresServer.of(spec);
        try {
            assertThatThrownBy(blocked::start).isInstanceOf(FoldoutException.class)
                    .hasMessageContaining("cannot enter " + closed + ",")
                    .hasMessageContaining("FOLDOUT_HOME");
        } finally {
            blocked.destroy();
        }
    }
}
