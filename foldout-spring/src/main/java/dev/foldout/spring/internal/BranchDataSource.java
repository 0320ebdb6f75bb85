package dev.foldout.spring.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source a Spring context's {@code DataSource} beans are replaced by: each connection comes from the branch
 * the running test holds; before the first test (while the context starts) from the seed itself, for the reads a
 * framework makes at start-up (Hibernate's metadata, say), those connections closed when the first test starts.
 */
public final class BranchDataSource implements DataSource {
    private final BranchRouting routing;
    private final String bean;
    private PrintWriter logWriter;
    private int loginTimeout;

    BranchDataSource(BranchRouting routing, String bean) {
        this.routing = routing;
        this.bean = bean;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return routing.current(bean).getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection(); // the branch's own credentials: a test database has no others
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
        throw new SQLFeatureNotSupportedException("foldout-spring's data source logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("foldout-spring's data source is not a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "foldout-spring data source (bean " + bean + ", " + routing.describe() + ")";
    }
}
