package dev.foldout.testing;

import dev.foldout.ConnectionUrl;
import dev.foldout.server.ServerSpec;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one PostgreSQL cluster of a test run: started on first use from the binaries jar the build put on
 * the test class path ({@code -Dpg.version} picks 16, 17 or 18), stopped and deleted when the JVM exits.
 * Each test makes and drops its own databases; {@link #uniqueName(String)} gives names that never collide.
 */
public final class TestPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile PostgresServer instance;

    private TestPostgres() {
    }

    /** The running cluster. */
    public static PostgresServer instance() {
        PostgresServer local = instance;
        if (local == null) {
            synchronized (TestPostgres.class) {
                local = instance;
                if (local == null) {
                    local = startCluster();
                    instance = local;
                }
            }
        }
        return local;
    }

    private static PostgresServer startCluster() {
        try {
            Path dir = Files.createTempDirectory("foldout-test-pg-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            PostgresBinaries binaries = PostgresBinaries.fromClasspath();
            ServerSpec.Builder spec = ServerSpec.builder(binaries, dir.resolve("cluster"))
                    .password("foldout-test")
                    .setting("fsync", "off")
                    .setting("max_connections", "200");
            if (binaries.majorVersion() >= 17) {
                spec.setting("summarize_wal", "on");
            }
            PostgresServer started = PostgresServer.of(spec.build()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.destroy();
                    Files.deleteIfExists(dir);
                } catch (IOException | RuntimeException e) {
                    System.err.println("could not clean up the test cluster in " + dir + ": " + e.getMessage());
                }
            }, "foldout-test-pg-cleanup"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a directory for the test cluster", e);
        }
    }

    /** Where to connect as the superuser to {@code database}. */
    public static ConnectionUrl url(String database) {
        return instance().url(database);
    }

    /** A new superuser connection to {@code database}; the caller closes it. */
    public static Connection connect(String database) {
        ConnectionUrl url = url(database);
        Properties props = new Properties();
        props.setProperty("user", url.user());
        props.setProperty("password", url.password());
        try {
            return DriverManager.getConnection(url.jdbcUrl(), props);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the test cluster database " + database, e);
        }
    }

    /** Runs statements on {@code database}. */
    public static void exec(String database, String... sql) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row {@code sql} returns on {@code database}, as text (null: no row). */
    public static String query(String database, String sql) {
        try (Connection c = connect(database); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + " on " + database + ": " + e.getMessage(), e);
        }
    }

    /** A name no other test of this run uses: {@code prefix_<pid>_<n>}. */
    public static String uniqueName(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }
}
