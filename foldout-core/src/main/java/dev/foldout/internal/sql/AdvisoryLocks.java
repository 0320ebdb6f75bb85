package dev.foldout.internal.sql;

import dev.foldout.FoldoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Foldout's session-level advisory locks in the catalog database: taken with a bounded wait, and when the wait runs
 * out the error names the session that holds the lock (any role can take any advisory lock, so a holder may be a
 * Foldout process at work or a session that should not hold it), and how to end it.
 */
public final class AdvisoryLocks {
    private static final long POLL_MILLIS = 25;

    private AdvisoryLocks() {
    }

    /**
     * Takes lock {@code key}, waiting at most {@code timeout}; {@code what} says what it guards, as in "database
     * \"app\" is busy with another Foldout operation". Throws, naming the holder, when the wait runs out.
     */
    public static void acquire(Connection c, long key, Duration timeout, String what) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!tryAcquire(c, key)) {
            if (System.nanoTime() > deadline) {
                throw new FoldoutException(what + " for more than " + timeout.toMillis() + " ms: its lock is held by "
                        + holder(c, key).orElse("a session that has just ended") + "; wait for it to finish and run again");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FoldoutException("interrupted while waiting: " + what, e);
            }
        }
    }

    /** Takes lock {@code key} if it is free. */
    public static boolean tryAcquire(Connection c, long key) throws SQLException {
        return Jdbc.queryOne(c, "select pg_try_advisory_lock(?)", rs -> rs.getBoolean(1), key).orElse(false);
    }

    /** Releases lock {@code key}, held by this session. */
    public static void release(Connection c, long key) throws SQLException {
        Jdbc.queryOne(c, "select pg_advisory_unlock(?)", rs -> null, key);
    }

    /**
     * The session holding lock {@code key} in this database, as "session 1234 of role 'bob' (application 'psql'; if it
     * is stuck, a superuser or 'bob' ends it: select pg_terminate_backend(1234))"; empty when none holds it.
     */
    public static Optional<String> holder(Connection c, long key) throws SQLException {
        // an int8 key shows in pg_locks as its high half (classid) and low half (objid), objsubid 1
        return Jdbc.queryOne(c, "select l.pid, a.usename::text, a.application_name from pg_catalog.pg_locks l"
                + " left join pg_catalog.pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.objsubid = 1"
                + " and l.database = (select oid from pg_catalog.pg_database where datname = current_database())"
                + " and l.classid::int8 = ? and l.objid::int8 = ? limit 1",
                rs -> {
                    int pid = rs.getInt(1);
                    String role = rs.getString(2);
                    String app = rs.getString(3);
                    return "session " + pid + (role == null ? "" : " of role '" + role + "'")
                            + (app == null || app.isEmpty() ? "" : " (application '" + app + "')")
                            + " - if it is stuck, " + (role == null ? "a superuser" : "a superuser or '" + role + "'")
                            + " ends it: select pg_terminate_backend(" + pid + ")";
                }, key >>> 32, key & 0xFFFFFFFFL);
    }
}
