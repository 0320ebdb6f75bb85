package dev.foldout.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A few connections per database kept open between the diffs of one session, so that a warm diff does not pay
 * for a connection (and its password exchange) each time. A borrowed connection is handed back by closing it:
 * it is rolled back and returned to auto-commit (borrowers set transaction modes per transaction only); a
 * broken one is dropped. A connection idle for
 * {@link #KEEP} is closed, so that a kept connection does not long count as a session on the database (which
 * would stop another tool from renaming or dropping it).
 */
public final class IdleConnections implements AutoCloseable {
    /** Per database: a merge reads its base through three connections at once (the plan, the rows, the drift). */
    private static final int PER_KEY = 3;
    /** How long an idle connection is kept. */
    static final java.time.Duration KEEP = java.time.Duration.ofSeconds(1);
    private static final java.util.concurrent.ScheduledExecutorService SWEEPER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "foldout-idle-connections");
                t.setDaemon(true);
                return t;
            });

    private final Map<String, Deque<Connection>> idle = new HashMap<>();
    private final Map<Connection, Long> since = new java.util.IdentityHashMap<>();
    private java.util.concurrent.ScheduledFuture<?> sweep;
    private boolean closed;

    /** Opens a connection. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    /** An idle connection for {@code key}, else a new one from {@code opener}; closing it hands it back. */
    Connection borrow(String key, Opener opener) throws SQLException {
        Connection c;
        synchronized (this) {
            Deque<Connection> q = idle.get(key);
            c = q == null ? null : q.pollFirst();
            if (c != null) {
                since.remove(c);
            }
        }
        if (c == null || c.isClosed()) {
            c = opener.open();
        }
        Connection real = c;
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                giveBack(key, real);
                return null;
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private void giveBack(String key, Connection c) throws SQLException {
        boolean keep;
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            synchronized (this) {
                Deque<Connection> q = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
                keep = !closed && q.size() < PER_KEY;
                if (keep) {
                    q.addFirst(c);
                    since.put(c, System.nanoTime());
                    if (sweep == null) {
                        long ms = KEEP.toMillis() / 2;
                        sweep = SWEEPER.scheduleWithFixedDelay(this::closeExpired, ms, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
                    }
                }
            }
        } catch (SQLException e) {
            keep = false;
        }
        if (!keep) {
            c.close();
        }
    }

    /** Closes every idle connection. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        closeIdle();
    }

    /** Closes the idle connections; borrowed ones come back later as usual. */
    synchronized void closeIdle() {
        for (Deque<Connection> q : idle.values()) {
            q.forEach(IdleConnections::closeQuietly);
        }
        idle.clear();
        since.clear();
        if (sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
    }

    private synchronized void closeExpired() {
        long now = System.nanoTime();
        for (Deque<Connection> q : idle.values()) {
            q.removeIf(c -> {
                boolean old = now - since.getOrDefault(c, now) > KEEP.toNanos();
                if (old) {
                    since.remove(c);
                    closeQuietly(c);
                }
                return old;
            });
        }
        if (since.isEmpty() && sweep != null) {
            sweep.cancel(false);
            sweep = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing an idle connection: nothing to do
        }
    }
}
