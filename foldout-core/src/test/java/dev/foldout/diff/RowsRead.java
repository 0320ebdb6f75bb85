package dev.foldout.diff;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How many rows the sessions of a database have read of a table, by PostgreSQL's own statistics: rows returned by
 * sequential and TID range scans plus rows fetched by TID and index scans ({@code seq_tup_read + idx_tup_fetch}).
 * A session's counts reach the statistics when it ends, so this first waits for every other client session of the
 * database to end.
 */
final class RowsRead {
    private RowsRead() {
    }

    /** The rows read of {@code table} so far, once no other client session is connected to the database of {@code c}. */
    static long of(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (count(st, "select count(*) from pg_stat_activity where datname = current_database() "
                    + "and pid <> pg_backend_pid() and backend_type = 'client backend'") > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("other sessions are still connected to the database after 30 s");
                }
                sleep();
            }
            st.execute("select pg_stat_clear_snapshot()");
            return count(st, "select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) from pg_stat_user_tables "
                    + "where relname = '" + table + "'");
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
