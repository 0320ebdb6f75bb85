package dev.foldout.testing;

import dev.foldout.ConnectionUrl;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.InstanceInfo;
import dev.foldout.server.ServerSpec;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL cluster of its own on the test XFS (reflink=1, or another file system given), the parent of {@code reflink-cluster} branches: database
 * {@code app} with table {@code t(id int primary key, v text)}. Closing it deletes every instance branch, stops the
 * server and removes its directory.
 */
public final class XfsCluster implements AutoCloseable {
    /** The directory holding the data directory (and, beside it, the branches' {@code data.foldout}). */
    public final Path root;
    private final PostgresServer server;

    private XfsCluster(Path root, PostgresServer server) {
        this.root = root;
        this.server = server;
    }

    /** Starts a cluster named after {@code prefix} with {@code rows} rows in {@code app.t}. */
    public static XfsCluster start(String prefix, int rows) throws SQLException {
        return startIn(TestFilesystems.xfs(), prefix, rows);
    }

    /** The same, in a directory of {@code fileSystem}. */
    public static XfsCluster startIn(Path fileSystem, String prefix, int rows) throws SQLException {
        Path root = fileSystem.resolve(TestPostgres.uniqueName(prefix));
        PostgresServer server = PostgresServer.of(ServerSpec.builder(PostgresBinaries.fromClasspath(), root)
                .password("xfs-" + prefix).setting("fsync", "off").setting("shared_buffers", "16MB").build()).start();
        XfsCluster cluster = new XfsCluster(root, server);
        cluster.exec("postgres", "create database app");
        cluster.exec("app", "create table t(id int primary key, v text)",
                "insert into t select g, 'row ' || g from generate_series(1, " + rows + ") g");
        return cluster;
    }

    /** Where to connect to {@code database} as the superuser. */
    public ConnectionUrl url(String database) {
        return server.url(database);
    }

    /** A Foldout session on database {@code app}. */
    public Foldout foldout() {
        return Foldout.connect(FoldoutConfig.builder().url(url("app")).terminateTimeout(Duration.ofSeconds(5)).build());
    }

    /** A new superuser connection to {@code database}; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        ConnectionUrl u = url(database);
        return DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
    }

    /** Runs statements on {@code database}. */
    public void exec(String database, String... sql) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try (Foldout fld = foldout()) {
            for (InstanceInfo i : fld.instances()) {
                fld.getBranch(i.name()).delete(true);
            }
        } finally {
            server.stop();
            new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start().waitFor();
        }
    }
}
