package dev.foldout.internal.rewind;

import dev.foldout.internal.Session;
import dev.foldout.internal.sql.ReadSnapshots;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Connections to a rewound branch's parent, set up for reading and kept between rewinds by the session (closed after a
 * second idle, and before any operation of the session that may copy or drop a database). A parent being copied is
 * closed to sessions for the moment of the copy (a test pool copies its seed while it rewinds branches of it): that is
 * waited out.
 */
final class ParentSessions {
    private static final long WAIT_NANOS = 60_000_000_000L;

    private ParentSessions() {
    }

    /** A connection to {@code parent} for reads; closing it hands it back. */
    static Connection borrow(Session s, String parent) throws SQLException {
        return s.borrow("rewind parent " + parent, () -> ReadSnapshots.prepared(open(s, parent)));
    }

    private static Connection open(Session s, String parent) throws SQLException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            try {
                return s.connections().open(parent);
            } catch (RuntimeException e) {
                if (!closedForACopy(e) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for database \"" + parent + "\" to accept connections",
                        "57014");
            }
        }
    }

    /** Whether the server refused the connection because the database does not accept connections at the moment. */
    private static boolean closedForACopy(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "55000".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
