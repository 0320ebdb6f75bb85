package dev.foldout.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.ConnectionUrl;
import dev.foldout.FoldoutConfig;
import dev.foldout.internal.ServerConnections;
import dev.foldout.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** A cluster with a Unix-domain socket, and Foldout's connections through it (the embedded cluster's way). */
class UnixSocketIT {
    private static PostgresServer server;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("foldout-socket-it-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        server = PostgresServer.of(ServerSpec.builder(TestPostgres.instance().spec().binaries(), dir.resolve("c"))
                .password("the-password").unixSocket(true).build()).start();
    }

    @AfterAll
    static void destroy() {
        server.destroy();
    }

    private static ServerConnections connections(String password, Path socket, Map<String, String> params) {
        ConnectionUrl url = new ConnectionUrl("127.0.0.1", server.port(), "postgres", "postgres", password, params);
        return new ServerConnections(FoldoutConfig.builder().url(url).localSocket(socket).build());
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theSocketIsInADirectoryOnlyTheServersAccountMayEnter() throws Exception {
        server.stop();
        server.start(); // writes its settings again
        Path socket = server.socketFile().orElseThrow();
        assertThat(socket).isEqualTo(server.spec().socketDirectory().resolve(".s.PGSQL." + server.port()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");
        assertThat(Files.getOwner(socket.getParent())).isEqualTo(Files.getOwner(server.spec().dataDirectory()));
        assertThat(Files.readString(server.spec().dataDirectory().resolve("pg_hba.conf")))
                .as("the peer rule is first, and written once across restarts").startsWith("# written by Foldout")
                .containsOnlyOnce("local all all peer map=foldout").doesNotContain("local all all trust");
        assertThat(Files.readString(server.spec().dataDirectory().resolve("pg_ident.conf")))
                .containsOnlyOnce("foldout " + server.spec().account().name() + " postgres")
                .containsOnlyOnce("foldout " + System.getProperty("user.name") + " postgres");
    }

    @Test
    void connectionsThroughTheSocketNeedNoPasswordAndTcpStillDoes() throws Exception {
        Path socket = server.socketFile().orElseThrow();
        try (Connection c = connections("not-the-password", socket, Map.of()).open("postgres")) {
            assertThat(query(c, "select coalesce(host(inet_client_addr()), 'local')")).isEqualTo("local");
        }
        assertThatThrownBy(() -> connections("not-the-password", null, Map.of()).open("postgres").close())
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void anotherRoleOnTheSocketIsRefusedThereAndLogsInOverTcpWithItsPassword() throws Exception {
        Path socket = server.socketFile().orElseThrow();
        try (Connection su = connections("the-password", socket, Map.of()).open("postgres");
             Statement st = su.createStatement()) {
            st.execute("create role sock_it_app login password 'app-pw'");
        }
        ConnectionUrl app = new ConnectionUrl("127.0.0.1", server.port(), "postgres", "sock_it_app", "app-pw", Map.of());
        try (Connection c = new ServerConnections(FoldoutConfig.builder().url(app).localSocket(socket).build())
                .open("postgres")) {
            assertThat(query(c, "select current_user || ' ' || host(inet_client_addr())")).isEqualTo("sock_it_app 127.0.0.1");
        }
        ConnectionUrl wrong = new ConnectionUrl("127.0.0.1", server.port(), "postgres", "sock_it_app", "nope", Map.of());
        assertThatThrownBy(() -> new ServerConnections(FoldoutConfig.builder().url(wrong).localSocket(socket).build())
                .open("postgres").close()).hasMessageContaining("password authentication failed");
    }

    @Test
    void anInterruptedThreadKeepsItsConnectionAndItsInterrupt() throws Exception {
        try (Connection c = connections("", server.socketFile().orElseThrow(), Map.of()).open("postgres")) {
            Thread.currentThread().interrupt(); // as code that catches an interrupt and goes on to clean up does
            try {
                assertThat(query(c, "select length(repeat('z', 3000000))::text")).isEqualTo("3000000");
                assertThat(Thread.currentThread().isInterrupted()).as("the flag is left as it was").isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(query(c, "select 'still open'")).isEqualTo("still open");
        }
    }

    @Test
    void closingFromAnotherThreadEndsAWaitingRead() throws Exception {
        java.net.Socket s = new dev.foldout.internal.sql.UnixSocketFactory(server.socketFile().orElseThrow().toString())
                .createSocket();
        java.util.concurrent.CompletableFuture<Throwable> reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                s.getInputStream().read(); // the server says nothing before a start-up message
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(300);
        assertThat(reader).isNotDone();
        long t0 = System.nanoTime();
        s.close();
        assertThat(reader.get(5, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(java.net.SocketException.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("at once, not after a time-out").isLessThan(2000);
        assertThat(s.isClosed()).isTrue();
    }

    @Test
    void aSocketThatIsGoneFallsBackToTcp() throws Exception {
        Path gone = dir.resolve("no-such-dir").resolve(".s.PGSQL.1");
        try (Connection c = connections("the-password", gone, Map.of()).open("postgres")) {
            assertThat(query(c, "select host(inet_client_addr())")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void readsWaitAsLongAsTheDriverSaysAndLargeResultsArriveWhole() throws Exception {
        Path socket = server.socketFile().orElseThrow();
        ServerConnections through = connections("", socket, Map.of());
        try (Connection listener = through.open("postgres"); Connection sender = through.open("postgres")) {
            try (Statement st = listener.createStatement()) {
                st.execute("listen foldout_socket_it");
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            long t0 = System.nanoTime();
            assertThat(pg.getNotifications(300)).as("nothing sent yet: the wait ends empty").isEmpty();
            assertThat((System.nanoTime() - t0) / 1_000_000).as("it waited").isGreaterThanOrEqualTo(250);
            try (Statement st = sender.createStatement()) {
                st.execute("notify foldout_socket_it, 'hello'");
            }
            PGNotification[] got = pg.getNotifications(10_000);
            assertThat(got).extracting(PGNotification::getParameter).containsExactly("hello");
            assertThat(query(sender, "select length(repeat('x', 20000000))")).isEqualTo("20000000");
            assertThat(query(sender, "select md5(string_agg(g::text, ',')) = md5((select string_agg(g::text, ',') "
                    + "from generate_series(1, 300000) g)) from generate_series(1, 300000) g")).isEqualTo("t");
            try (Statement st = sender.createStatement(); ResultSet rs = st.executeQuery("select repeat('y', 5000000)")) {
                rs.next();
                assertThat(rs.getString(1)).hasSize(5_000_000).matches("y+");
            }
        }
        ServerConnections impatient = connections("", socket, Map.of("socketTimeout", "1"));
        try (Connection c = impatient.open("postgres")) {
            assertThatThrownBy(() -> query(c, "select pg_sleep(3)::text")).isInstanceOf(SQLException.class)
                    .hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void aSocketItCannotMakeLeavesTheServerOnTcpAndTheNextStartTriesAgain() throws Exception {
        Path dataDir = TestPostgres.instance().spec().dataDirectory();
        String livePostmaster = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
        Path gdir = Files.createTempDirectory("foldout-socket-lock-");
        Files.setPosixFilePermissions(gdir, PosixFilePermissions.fromString("rwxr-xr-x"));
        PostgresServer other = PostgresServer.of(ServerSpec.builder(server.spec().binaries(), gdir.resolve("c"))
                .password("pw").unixSocket(true).build());
        try {
            other.start();
            int port = other.port();
            other.stop();
            // a lock file that names a live process of the server's account (another cluster's postmaster)
            Path lock = other.spec().socketDirectory().resolve(".s.PGSQL." + port + ".lock");
            Files.writeString(lock, livePostmaster + "\n");
            other.spec().account().takeOwnership(lock);
            other.start();
            assertThat(other.port()).isEqualTo(port);
            assertThat(other.socketFile()).as("started on TCP only").isEmpty();
            try (Connection c = java.sql.DriverManager.getConnection(other.url("postgres").jdbcUrlWithCredentials())) {
                assertThat(query(c, "select current_setting('unix_socket_directories')")).isEmpty();
            }
            other.stop();
            Files.delete(lock);
            PostgresServer again = PostgresServer.of(other.spec());
            again.start();
            assertThat(again.socketFile()).as("a new handle tries the socket again").isPresent();
            again.stop();
        } finally {
            other.destroy();
        }
    }

    @Test
    void aSocketPathTooLongForTheKernelLeavesTheServerOnTcp() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("d".repeat(60)).resolve("e".repeat(40)));
        Files.setPosixFilePermissions(deep.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(deep, PosixFilePermissions.fromString("rwxr-xr-x"));
        PostgresServer far = PostgresServer.of(ServerSpec.builder(server.spec().binaries(), deep.resolve("c"))
                .password("pw").unixSocket(true).build());
        try {
            far.start();
            assertThat(far.socketFile()).isEmpty();
            try (Connection c = java.sql.DriverManager.getConnection(far.url("postgres").jdbcUrlWithCredentials())) {
                assertThat(query(c, "select current_setting('unix_socket_directories')")).isEmpty();
            }
        } finally {
            far.destroy();
        }
    }
}
