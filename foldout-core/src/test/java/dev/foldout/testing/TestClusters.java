package dev.foldout.testing;

import dev.foldout.server.ServerSpec;
import dev.foldout.server.OsAccount;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** Small PostgreSQL clusters of their own for the reflink tests, on the file system the test chooses. */
public final class TestClusters {
    public static final String PASSWORD = "reflink-test";

    private TestClusters() {
    }

    /** A cluster in {@code dir} (its data directory is {@code dir/data}), not started yet. */
    public static PostgresServer in(Path dir, Map<String, String> settings) {
        ServerSpec.Builder spec = ServerSpec.builder(PostgresBinaries.fromClasspath(), dir).password(PASSWORD)
                .setting("fsync", "off").setting("shared_buffers", "16MB");
        settings.forEach(spec::setting);
        return PostgresServer.of(spec.build());
    }

    /** An empty directory owned by the server's account (for a clone's log, or a tablespace). */
    public static Path ownedDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        OsAccount.forServer().takeOwnership(dir);
        return dir;
    }

    public static Connection connect(PostgresServer pg, String db) throws SQLException {
        var url = pg.url(db);
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    public static void exec(PostgresServer pg, String db, String... sql) throws SQLException {
        try (Connection c = connect(pg, db); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    public static long count(PostgresServer pg, String db, String table) throws SQLException {
        try (Connection c = connect(pg, db); Statement st = c.createStatement();
             var rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Stops and removes a cluster, and removes {@code root}, ignoring what is already gone. */
    public static void destroy(Path root, PostgresServer... clusters) {
        for (PostgresServer pg : clusters) {
            if (pg != null) {
                try {
                    pg.stop();
                } catch (RuntimeException e) {
                    System.err.println("could not stop " + pg.spec().dataDirectory() + ": " + e.getMessage());
                }
            }
        }
        try {
            new ProcessBuilder(List.of("rm", "-rf", root.toString())).inheritIO().start().waitFor();
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
