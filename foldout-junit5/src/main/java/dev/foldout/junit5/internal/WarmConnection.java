package dev.foldout.junit5.internal;

import dev.foldout.Branch;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one connection the pool keeps open on a branch between its tests. The next test gets it as the first connection
 * its data source hands out, so it does not wait for a connection (and its password exchange); closing it only hands
 * it back. When the branch is given back it is reset - what the test left open rolled back, its settings, prepared
 * statements, temporary tables, locks and listeners discarded - and the branch is undone through it.
 */
public final class WarmConnection implements AutoCloseable {
    private final Connection real;
    private final int isolation;
    private volatile boolean lent;
    private volatile boolean returned;

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

    /** The connection for a test, once: closing it hands it back. Null once it was lent. */
    synchronized Connection lend() {
        if (lent) {
            return null;
        }
        lent = true;
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "close":
                    returned = true;
                    return null;
                case "isClosed":
                    return returned || real.isClosed();
                default:
                    if (returned) {
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

    /**
     * Takes the connection back from the test that had it and resets it for the next; false when it is broken (then it
     * is closed).
     */
    synchronized boolean reset() {
        returned = true;
        try {
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
            lent = false;
            returned = false;
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
