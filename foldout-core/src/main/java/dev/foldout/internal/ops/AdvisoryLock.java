package dev.foldout.internal.ops;

import dev.foldout.internal.sql.AdvisoryLocks;
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

    /** Takes the lock of database {@code oid}, waiting at most {@code timeout}; the error names the holder. */
    static AdvisoryLock acquire(Connection c, String database, long oid, Duration timeout) throws SQLException {
        AdvisoryLocks.acquire(c, key(oid), timeout, "database \"" + database + "\" is busy with another Foldout operation");
        return new AdvisoryLock(c, oid);
    }

    private static long key(long oid) {
        return ((long) NAMESPACE << 32) | (oid & 0xFFFFFFFFL);
    }

    /** Releases the lock. Idempotent. */
    @Override
    public void close() throws SQLException {
        if (held) {
            held = false;
            AdvisoryLocks.release(c, key(oid));
        }
    }
}
