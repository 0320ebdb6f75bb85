package dev.foldout.junit5.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * A test run's identity on the server: a random run id that prefixes the names of the run's branches, and a
 * session-level advisory lock on it held by one connection for the whole run. The server releases the lock
 * when that session ends - also when the JVM is killed - so another run can tell a live run's branches (locked)
 * from a dead run's leftovers (free). The connection is to Foldout's catalog database, the one database every run
 * on the server connects to, because an advisory lock is seen only in the database it was taken in.
 */
public final class RunOwner implements AutoCloseable {
    /** The first key of the two-key advisory locks of foldout-junit5 runs ("FJu5"). */
    static final int LOCK_CLASS = 0x464a7535;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection connection;
    private final int id;

    private RunOwner(Connection connection, int id) {
        this.connection = connection;
        this.id = id;
    }

    /**
     * Takes a new run id and its lock on {@code connection}, which this owner keeps and closes (also when taking the
     * lock fails). Advisory locks are per database: every run on a server must take its lock in the same one (the
     * catalog's), or runs whose URLs name different databases take each other for dead.
     */
    public static RunOwner start(Connection connection) throws SQLException {
        int id = 0x10000000 + RANDOM.nextInt(0x70000000);
        try {
            Sql.first(connection, "select pg_advisory_lock(?, ?)", rs -> null, LOCK_CLASS, id);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return new RunOwner(connection, id);
    }

    /** The run id as 8 hex digits, as it appears in names. */
    public String id() {
        return format(id);
    }

    /** The connection that holds the run's lock (usable for short queries on the server's shared catalogs). */
    public Connection connection() {
        return connection;
    }

    /** Whether the run {@code runId} (8 hex digits) still holds its lock; this run counts as alive. */
    public boolean isAlive(String runId) throws SQLException {
        int other = Integer.parseUnsignedInt(runId, 16);
        if (other == id) {
            return true;
        }
        boolean free = Sql.first(connection, "select pg_try_advisory_lock(?, ?)", rs -> rs.getBoolean(1),
                LOCK_CLASS, other).orElse(false);
        if (free) {
            Sql.first(connection, "select pg_advisory_unlock(?, ?)", rs -> null, LOCK_CLASS, other);
        }
        return !free;
    }

    static String format(int id) {
        return String.format(Locale.ROOT, "%08x", id);
    }

    /** Ends the run's session, which releases its lock. Idempotent. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the server releases the lock with the session either way
        }
    }
}
