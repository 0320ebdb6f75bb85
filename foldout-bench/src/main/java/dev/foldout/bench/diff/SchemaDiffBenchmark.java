package dev.foldout.bench.diff;

import dev.foldout.server.ServerSpec;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import dev.foldout.internal.diff.schema.SchemaDiff;
import dev.foldout.internal.diff.schema.SchemaDiffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A schema compare with no change, on warm connections, between a database of {@code tables} tables (each with a
 * key, six columns, an index, a foreign key to the previous one; a view every fifth table) and its template copy —
 * the part of the 2 ms no-change diff budget the schema takes. Starts its own PostgreSQL cluster in a temporary
 * directory. {@code oneComment} changes a comment on one side before each compare, so that side is read in full.
 *
 * <pre>java -jar foldout-bench/target/benchmarks.jar SchemaDiffBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SchemaDiffBenchmark {
    /** How many tables the database has. */
    @Param({"50"})
    public int tables;

    private Path dir;
    private PostgresServer pg;
    private Connection from;
    private Connection to;

    /** Starts the cluster and makes both databases. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("foldout-bench-schema-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        pg = PostgresServer.of(ServerSpec.builder(PostgresBinaries.fromClasspath(), dir.resolve("cluster"))
                .password("bench").build()).start();
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE bench_a");
        }
        try (Connection c = connect("bench_a"); Statement st = c.createStatement()) {
            for (int i = 0; i < tables; i++) {
                st.execute("CREATE TABLE t" + i + " (id bigint PRIMARY KEY, name text NOT NULL, amount numeric(12,2)"
                        + " DEFAULT 0, created timestamptz DEFAULT now(), flag boolean, ref bigint"
                        + (i > 0 ? " REFERENCES t" + (i - 1) + "(id)" : "") + ", note text CHECK (length(note) < 100))");
                st.execute("CREATE INDEX t" + i + "_name ON t" + i + " (name)");
                if (i % 5 == 0) {
                    st.execute("CREATE VIEW v" + i + " AS SELECT id, name FROM t" + i + " WHERE flag");
                }
            }
        }
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE bench_b TEMPLATE bench_a");
        }
        from = connect("bench_a");
        to = connect("bench_b");
        SchemaDiff d = SchemaDiffer.compare(from, to, true);
        if (!d.isEmpty() || d.tables().size() != tables) {
            throw new IllegalStateException("expected an empty diff over " + tables + " tables: " + d);
        }
    }

    /** Stops and deletes the cluster. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException, java.io.IOException {
        from.close();
        to.close();
        pg.destroy();
        Files.deleteIfExists(dir);
    }

    private int counter;

    /** A comment changed on the desired side, then a compare: that side's catalog is read again in full. */
    @Benchmark
    public SchemaDiff oneComment() throws SQLException {
        try (Statement st = to.createStatement()) {
            st.execute("COMMENT ON TABLE t0 IS 'c" + (++counter) + "'");
        }
        return SchemaDiffer.compare(from, to, true);
    }

    /** One compare of both catalogs, unchanged since the last one. */
    @Benchmark
    public SchemaDiff noChange() throws SQLException {
        return SchemaDiffer.compare(from, to, true);
    }

    private Connection connect(String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", pg.url(db).user());
        p.setProperty("password", pg.url(db).password());
        return DriverManager.getConnection(pg.url(db).jdbcUrl(), p);
    }
}
