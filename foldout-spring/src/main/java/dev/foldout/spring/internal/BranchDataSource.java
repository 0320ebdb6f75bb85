package dev.foldout.spring.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The data source a Spring context's {@code DataSource} beans are replaced by: each connection comes from the branch
 * the running test holds; before the first test (while the context starts) from a branch taken for the start-up
 * (Hibernate's metadata reads, say), whose connections are closed and branch given back when the first test starts.
 */
public final class BranchDataSource extends dev.foldout.junit5.run.SimpleDataSource {
    private final BranchRouting routing;
    private final String bean;

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
    public String toString() {
        return "foldout-spring data source (bean " + bean + ", " + routing.describe() + ")";
    }
}
