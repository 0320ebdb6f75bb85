package dev.foldout.internal.ops;

import dev.foldout.FoldoutException;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Serializes Foldout operations on one database across threads and processes: a session-level advisory lock
 * in the catalog database, keyed by the database's OID. The server releases it when the session ends, so a
 * dead process never holds it.
 */
final class AdvisoryLock implements AutoCloseable {
    private static final int NAMESPACE = 0x466f6c64; // "Fold"

    private final Connection c;
    private final long oid;
    private boolean held = true;

    private AdvisoryLock(Connection c, long oid) {
        this.c = c;
        this.oid = oid;
    }

    /** Takes the lock of database {@code oid}, waiting at most {@code timeout}. */
    static AdvisoryLock acquire(Connection c, String database, long oid, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean got = Jdbc.queryOne(c, "select pg_try_advisory_lock(?)", rs -> rs.getBoolean(1), key(oid)).orElse(false);
            if (got) {
                return new AdvisoryLock(c, oid);
            }
            if (System.nanoTime() > deadline) {
                throw new FoldoutException("database \"" + database + "\" is busy with another Foldout operation for more than "
                        + timeout.toMillis() + " ms: wait for it to finish and run again");
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FoldoutException("interrupted while waiting for the lock on database \"" + database + "\"", e);
            }
        }
    }

    private static long key(long oid) {
        return ((long) NAMESPACE << 32) | (oid & 0xFFFFFFFFL);
    }

    /** Releases the lock. Idempotent. */
    @Override
    public void close() throws SQLException {
        if (held) {
            held = false;
            Jdbc.queryOne(c, "select pg_advisory_unlock(?)", rs -> null, key(oid));
        }
    }
}
