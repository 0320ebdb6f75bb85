package dev.foldout.bench.instance;

import dev.foldout.ConnectionUrl;
import dev.foldout.server.ServerSpec;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A benchmark cluster in a directory, with database {@code bench_src} grown on demand to a size. */
final class BenchCluster implements AutoCloseable {
    static final String DATABASE = "bench_src";
    private final PostgresServer pg;
    private long rows;

    private BenchCluster(PostgresServer pg) {
        this.pg = pg;
    }

    static BenchCluster start(Path dir) throws SQLException {
        PostgresServer pg = PostgresServer.of(ServerSpec.builder(PostgresBinaries.fromClasspath(), dir).password("bench")
                .setting("shared_buffers", "128MB").setting("max_wal_size", "1GB").setting("synchronous_commit", "off").build());
        pg.start();
        BenchCluster c = new BenchCluster(pg);
        c.exec("postgres", "create database " + DATABASE);
        c.exec(DATABASE, "create table data (id bigint primary key, payload text)", "create table small (id int)",
                "insert into small values (1)");
        return c;
    }

    ConnectionUrl url(String database) {
        return pg.url(database);
    }

    Path dataDirectory() {
        return pg.spec().dataDirectory();
    }

    /** Inserts rows until the database holds at least {@code megabytes}; returns its size in bytes. */
    long growTo(long megabytes) throws SQLException {
        try (Connection c = connect(DATABASE); Statement st = c.createStatement()) {
            long size = size(st);
            long batch = 200_000;
            while (size < megabytes << 20) {
                st.execute("insert into data select g, repeat(md5(g::text), 24) from generate_series(" + (rows + 1) + ", "
                        + (rows + batch) + ") g");
                rows += batch;
                size = size(st);
            }
            st.execute("checkpoint");
            return size;
        }
    }

    private static long size(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Connection connect(String database) throws SQLException {
        ConnectionUrl u = url(database);
        return DriverManager.getConnection(u.jdbcUrl(), u.user(), u.password());
    }

    void exec(String database, String... sql) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    @Override
    public void close() {
        pg.stop();
    }
}
