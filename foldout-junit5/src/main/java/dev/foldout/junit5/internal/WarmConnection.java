package dev.foldout.junit5.internal;

import dev.foldout.Branch;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one connection the pool keeps open on a branch between its tests. A test's data sources hand it out first, as
 * a pool of one would: closing it hands it back (an open transaction rolled back), and the next request gets it again,
 * so a test does not wait for a connection (and its password exchange) each time; a request while it is out opens a
 * connection of its own. When the branch is given back it is reset - rolled back, then its settings, prepared
 * statements, temporary tables, locks and listeners discarded - and the branch is undone through it.
 */
public final class WarmConnection implements AutoCloseable {
    private final Connection real;
    private final int isolation;
    private boolean out;
    private boolean broken;

    private WarmConnection(Connection real) throws SQLException {
        this.real = real;
        this.isolation = real.getTransactionIsolation();
    }

    /** A connection to {@code b}, or null when none could be opened (the test then opens its own). */
    static WarmConnection open(Branch b) {
        try {
            return new WarmConnection(b.open());
        } catch (RuntimeException | SQLException e) {
            return null;
        }
    }

    /** The connection, when it is not out already: closing what this returns hands it back. Else null. */
    synchronized Connection lend() {
        if (out || broken) {
            return null;
        }
        out = true;
        boolean[] closed = {false};
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "close":
                    handBack(closed);
                    return null;
                case "isClosed":
                    return closed[0] || real.isClosed();
                default:
                    if (closed[0]) {
                        throw new SQLException("this connection has been closed", "08003");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private synchronized void handBack(boolean[] closed) {
        if (closed[0]) {
            return;
        }
        closed[0] = true;
        try {
            if (!real.getAutoCommit()) {
                real.rollback();
                real.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            broken = true;
        }
        out = false;
    }

    /**
     * Takes the connection back from the test that had it and resets it for the next; false when it is broken (then it
     * is closed).
     */
    synchronized boolean reset() {
        try {
            if (broken) {
                throw new SQLException("broken while a test had it");
            }
            if (!real.getAutoCommit()) {
                real.rollback();
                real.setAutoCommit(true);
            }
            if (real.isReadOnly()) {
                real.setReadOnly(false);
            }
            if (real.getTransactionIsolation() != isolation) {
                real.setTransactionIsolation(isolation);
            }
            try (Statement st = real.createStatement()) {
                st.execute("discard all");
            }
            real.clearWarnings();
            out = false;
            return true;
        } catch (SQLException | RuntimeException e) {
            close();
            return false;
        }
    }

    /** The connection itself, for undoing the branch through it. */
    Connection session() {
        return real;
    }

    @Override
    public void close() {
        try {
            real.close();
        } catch (SQLException ignored) {
            // the server side goes away with the branch
        }
    }
}
