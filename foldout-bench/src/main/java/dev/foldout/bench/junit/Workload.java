package dev.foldout.bench.junit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.IntStream;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The measured tests: {@code bench.tests} of them, each doing about {@code bench.work.ms} milliseconds of work -
 * an insert, an update, a read, and a sleep in the server for the rest - on the connection its subclass's extension gives.
 * The same for the extension and the baseline. Settings come as system properties from {@link JunitBranchHarness}.
 */
public abstract class Workload {
    /** For the subclasses. */
    protected Workload() {
    }

    @ParameterizedTest
    @MethodSource("tests")
    void work(int test, Connection c, TestReporter reporter) throws SQLException {
        long t0 = System.nanoTime();
        run(c, test);
        reporter.publishEntry("bench.work.micros", Long.toString((System.nanoTime() - t0) / 1000));
    }

    /** The test indexes, {@code bench.tests} of them. */
    static IntStream tests() {
        return IntStream.range(0, Integer.getInteger("bench.tests", 200));
    }

    /**
     * Does one test's work on {@code c}: inserts the same key every test inserts (a test that saw another's row would
     * fail on it), updates one seed row and reads it back with a few others, then sleeps in the server for the rest of
     * {@code bench.work.ms}.
     */
    static void run(Connection c, int test) throws SQLException {
        long t0 = System.nanoTime();
        long workMs = Integer.getInteger("bench.work.ms", 50);
        long row = 1 + (long) test * 7919 % 1000;
        try (Statement st = c.createStatement()) {
            st.executeUpdate("insert into data values (0, 'test " + test + "')");
            st.executeUpdate("update data set payload = 'test " + test + "' where id = " + row);
            try (ResultSet rs = st.executeQuery("select count(*) filter (where payload like 'test%'), count(*) from data "
                    + "where id between " + (row - 2) + " and " + (row + 2) + " or id = 0")) {
                rs.next();
                if (rs.getLong(1) != 2) {
                    throw new AssertionError("test " + test + " saw " + rs.getLong(1) + " rows written by tests, not its own 2");
                }
            }
            long left = workMs - (System.nanoTime() - t0) / 1_000_000;
            if (left > 0) {
                st.execute("select pg_sleep(" + left / 1000.0 + ")");
            }
        }
    }

    /** Fills table {@code data} of the seed until the database holds {@code mb} megabytes. */
    static void fill(Connection c, int mb) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("create table data (id bigint primary key, payload text)");
            long rows = 0;
            long batch = mb >= 100 ? 100_000 : 5_000;
            do { // at least one batch: the tests update the first 100 rows
                st.execute("insert into data select g, repeat(md5(g::text), 2) from generate_series(" + (rows + 1) + ", "
                        + (rows + batch) + ") g");
                rows += batch;
            } while (size(st) < (long) mb << 20);
            st.execute("vacuum analyze data");
        }
    }

    private static long size(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("select pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
