package dev.foldout.junit5.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for one database that remembers every connection it handed out, so that
 * {@link #close()} can close the ones the code under test left open before the database is dropped or renamed.
 */
public final class TrackedDataSource implements DataSource, AutoCloseable {
    private final Supplier<Connection> opener;
    private final String jdbcUrl;
    private final List<Connection> handedOut = new ArrayList<>();
    private int loginTimeout;
    private PrintWriter logWriter;

    /**
     * @param opener  opens a connection with the configured credentials
     * @param jdbcUrl the database's URL without credentials, for {@link #getConnection(String, String)}
     */
    public TrackedDataSource(Supplier<Connection> opener, String jdbcUrl) {
        this.opener = opener;
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public Connection getConnection() {
        return track(opener.get());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return track(DriverManager.getConnection(jdbcUrl, username, password));
    }

    private synchronized Connection track(Connection c) {
        handedOut.removeIf(TrackedDataSource::isClosed);
        handedOut.add(c);
        return c;
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** How many connections it handed out are still open. */
    public synchronized int openConnections() {
        handedOut.removeIf(TrackedDataSource::isClosed);
        return handedOut.size();
    }

    /** Closes every connection it handed out that is still open. Idempotent. */
    @Override
    public synchronized void close() {
        for (Connection c : handedOut) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the server side goes away with the database anyway
            }
        }
        handedOut.clear();
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("foldout-junit5's DataSource logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "DataSource[" + jdbcUrl + "]";
    }
}
