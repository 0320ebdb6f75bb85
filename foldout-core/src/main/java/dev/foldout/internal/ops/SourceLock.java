package dev.foldout.internal.ops;

import dev.foldout.DatabaseInUseException;
import dev.foldout.FoldoutException;
import dev.foldout.ProgressListener;
import dev.foldout.SessionInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Keeps every other session out of a database while it is copied, renamed or dropped: connections are
 * refused ({@code datallowconn = false}), the sessions already there are named (or, with force,
 * terminated and waited for), and on {@link #close()} connections are allowed again as they were before.
 * The journal records the previous setting first, so a process that dies while holding the lock is
 * repaired by the next call.
 */
final class SourceLock implements AutoCloseable {
    private static final long POLL_MILLIS = 50;
    /** How long sessions that are exiting get before they count as blockers. */
    private static final long GRACE_MILLIS = 300;

    private final Connection c;
    private final String database;
    private final boolean wasAllowed;
    private boolean open = true;

    private SourceLock(Connection c, String database, boolean wasAllowed) {
        this.c = c;
        this.database = database;
        this.wasAllowed = wasAllowed;
    }

    /**
     * Locks {@code database}; {@code wasAllowed} is its {@code datallowconn} now. Without force, other sessions
     * make it fail (naming them) and leave the database as it was; with force they are terminated and waited for.
     */
    static SourceLock acquire(Connection c, String database, boolean wasAllowed, boolean force, Duration timeout,
                              ProgressListener progress) throws SQLException {
        if (wasAllowed) {
            ClusterDatabases.allowConnections(c, database, false);
        }
        SourceLock lock = new SourceLock(c, database, wasAllowed);
        try {
            List<SessionInfo> blockers = settled(c, database);
            if (!blockers.isEmpty()) {
                if (!force) {
                    throw new DatabaseInUseException(database, blockers,
                            "disconnect them, or run again with force (CopyOptions.withForce(true)) to terminate them");
                }
                progress.step("terminating " + blockers.size() + " session(s) on \"" + database + "\"");
                for (SessionInfo s : blockers) {
                    ClusterDatabases.terminate(c, s.pid());
                }
                waitUntilGone(c, database, timeout);
            }
            return lock;
        } catch (SQLException | RuntimeException e) {
            lock.closeQuietly(e);
            throw e;
        }
    }

    /**
     * The sessions on {@code database} once those already on their way out have gone: a connection its client just
     * closed stays listed until its server process exits, a few milliseconds later. New ones cannot come (connections
     * are off), so the list is read again for at most {@link #GRACE_MILLIS} while it shrinks to nothing.
     */
    private static List<SessionInfo> settled(Connection c, String database) throws SQLException {
        long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000L;
        List<SessionInfo> left = ClusterDatabases.sessions(c, database);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return left;
            }
            left = ClusterDatabases.sessions(c, database);
        }
        return left;
    }

    private static void waitUntilGone(Connection c, String database, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SessionInfo> left = ClusterDatabases.sessions(c, database);
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new DatabaseInUseException(database, left, "they did not exit within " + timeout.toMillis()
                        + " ms of being terminated; end them by hand (pg_terminate_backend) or raise the terminate timeout");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FoldoutException("interrupted while waiting for sessions on \"" + database + "\" to exit", e);
            }
            left = ClusterDatabases.sessions(c, database);
        }
    }

    /** Allows connections again as before. Idempotent. */
    @Override
    public void close() throws SQLException {
        if (!open) {
            return;
        }
        open = false;
        if (wasAllowed && ClusterDatabases.exists(c, database)) {
            ClusterDatabases.allowConnections(c, database, true);
        }
    }

    private void closeQuietly(Exception primary) {
        try {
            close();
        } catch (SQLException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }
}
