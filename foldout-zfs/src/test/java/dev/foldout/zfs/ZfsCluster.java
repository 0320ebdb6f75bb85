package dev.foldout.zfs;

import dev.foldout.ConnectionUrl;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.server.ServerSpec;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import dev.foldout.testing.TestFilesystems;
import dev.foldout.testing.TestPostgres;
import dev.foldout.zfs.internal.Zfs;
import dev.foldout.zfs.internal.ZfsCommand;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A PostgreSQL cluster whose data directory lies on a dataset of its own in the test pool ({@code FOLDOUT_TEST_ZPOOL}),
 * holding database {@code app} with table {@code t(id, v)}. {@link #close()} stops it and destroys the dataset and
 * whatever Foldout left beside it.
 */
public final class ZfsCluster implements AutoCloseable {
    /** The dataset holding the data directory. */
    public final String dataset;
    final PostgresServer server;

    private ZfsCluster(String dataset, PostgresServer server) {
        this.dataset = dataset;
        this.server = server;
    }

    /** Makes the dataset and the cluster, with {@code rows} rows in {@code app.t}. */
    public static ZfsCluster start(int rows) {
        TestFilesystems.require(ZfsCommand.find("zfs").isPresent(), "the zfs command is not installed");
        String dataset = TestFilesystems.zpool() + "/" + TestPostgres.uniqueName("it");
        if (!ZfsCommand.run("zfs", "create", dataset).ok()) {
            throw new IllegalStateException("could not create dataset " + dataset);
        }
        Path mount = Path.of(Zfs.get("mountpoint", dataset).orElseThrow());
        ServerSpec spec = ServerSpec.builder(PostgresBinaries.fromClasspath(), mount).password("zfs-test")
                .setting("fsync", "off").setting("shared_buffers", "16MB").setting("max_connections", "30").build();
        ZfsCluster cluster = new ZfsCluster(dataset, PostgresServer.of(spec).start());
        cluster.exec("postgres", "create database app");
        cluster.exec("app", "create table t(id int primary key, v text)",
                "insert into t select g, 'row ' || g from generate_series(1, " + rows + ") g");
        return cluster;
    }

    /** Where to connect as the superuser. */
    public ConnectionUrl url(String database) {
        return server.url(database);
    }

    Foldout foldout() {
        return Foldout.connect(FoldoutConfig.builder().url(url("app")).terminateTimeout(Duration.ofSeconds(5)).build());
    }

    void exec(String database, String... sql) {
        try (Connection c = connect(url(database)); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
        }
    }

    static Connection connect(ConnectionUrl url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", url.user());
        props.setProperty("password", url.password());
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every dataset and snapshot of the pool that belongs to this cluster or its branches, besides the dataset itself. */
    public List<String> leftovers() {
        String all = ZfsCommand.run("zfs", "list", "-H", "-o", "name", "-t", "all").output();
        List<String> out = new ArrayList<>();
        for (String line : all.split("\\R")) {
            if ((line.startsWith(dataset + "@") || line.startsWith(dataset + ".")) && !line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try (Foldout fld = foldout()) {
            for (var info : fld.instances()) {
                if (fld.findBranch(info.name()).isPresent()) {
                    fld.getBranch(info.name()).delete(true);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("clean-up of the branches of " + dataset + " failed: " + e.getMessage());
        }
        try {
            server.stop();
        } finally {
            Zfs.destroy(dataset + ".foldout", true);
            Zfs.destroy(dataset, true);
        }
    }
}
