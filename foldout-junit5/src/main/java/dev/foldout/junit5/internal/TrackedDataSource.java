package dev.foldout.junit5.internal;

import dev.foldout.junit5.run.SimpleDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link javax.sql.DataSource} for one database that remembers every connection it handed out, so that
 * {@link #close()} can close the ones the code under test left open before the database is dropped or renamed.
 */
public final class TrackedDataSource extends SimpleDataSource implements AutoCloseable {
    private final Supplier<Connection> opener;
    private final String jdbcUrl;
    private final List<Connection> handedOut = new ArrayList<>();

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
    public String toString() {
        return "DataSource[" + jdbcUrl + "]";
    }
}
