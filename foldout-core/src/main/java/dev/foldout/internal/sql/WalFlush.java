package dev.foldout.internal.sql;

import dev.foldout.Lsn;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One statement that makes the server flush all the WAL written so far: in its own transaction it takes a transaction
 * ID, writes a logical message (a record that changes nothing: a transaction that wrote no WAL is committed without a
 * flush) and turns {@code synchronous_commit} on for itself (a server or role may default to off), so its commit
 * waits for the flush of everything before it. Run in auto-commit.
 */
public final class WalFlush {
    /** The statement; it returns one text column. */
    public static final String SQL = "select set_config('synchronous_commit', 'on', true) || pg_current_xact_id()::text "
            + "|| pg_logical_emit_message(false, 'foldout', '')::text";

    private WalFlush() {
    }

    /**
     * Runs {@link #SQL} on {@code c} and waits, at most {@code waitNanos}, for the flush position to reach
     * {@code inserted} (a role that may not write a logical message, or commits asynchronously anyway, leaves it to
     * the WAL writer, which runs every 200 ms); returns the flush position last seen, at or past {@code inserted}
     * unless the wait ran out.
     */
    public static Lsn flushTo(Connection c, Lsn inserted, long waitNanos) throws SQLException {
        try {
            Jdbc.string(c, SQL);
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + waitNanos;
        while (true) {
            Lsn now = Lsn.parse(Jdbc.string(c, "select pg_current_wal_flush_lsn()::text"));
            if (now.compareTo(inserted) >= 0 || System.nanoTime() > deadline) {
                return now;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
    }
}
