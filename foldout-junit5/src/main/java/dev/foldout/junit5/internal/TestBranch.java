package dev.foldout.junit5.internal;

import dev.foldout.Branch;
import dev.foldout.ConnectionUrl;
import javax.sql.DataSource;

/**
 * A branch handed to one test or one test class, with the data source its connections come from (closed when
 * the branch is given back) and whether a failure asked to keep it.
 */
public final class TestBranch {
    private final Branch branch;
    private final ConnectionUrl url;
    private final TrackedDataSource dataSource;
    private final long waitNanos;
    private volatile boolean failed;

    TestBranch(Branch branch, ConnectionUrl serverUrl, long waitNanos) {
        this.branch = branch;
        this.url = serverUrl.withDatabase(branch.name());
        this.dataSource = newDataSource();
        this.waitNanos = waitNanos;
    }

    /** The branch's name. */
    public String name() {
        return branch.name();
    }

    /** The data source of the scope: its connections are closed when the branch is given back. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A new data source on the branch, for connections of a shorter scope (one test of a per-class branch). */
    public TrackedDataSource newDataSource() {
        return new TrackedDataSource(branch::open, url.jdbcUrl());
    }

    /** A JDBC URL that carries the user and password too. */
    public String jdbcUrlWithCredentials() {
        return url.jdbcUrlWithCredentials();
    }

    /** How to reach the branch, without the password, for messages. */
    public String describe() {
        String user = url.user().isEmpty() ? "" : url.user() + "@";
        return url.jdbcUrl() + (url.user().isEmpty() ? "" : " as user " + url.user())
                + " (psql \"postgresql://" + user + url.address() + "/" + branch.name() + "\")";
    }

    /** How long the test waited for this branch. */
    public long waitNanos() {
        return waitNanos;
    }

    /** Records that a test on this branch failed. */
    public void markFailed() {
        failed = true;
    }

    /** Whether a test on this branch failed. */
    public boolean failed() {
        return failed;
    }

    Branch branch() {
        return branch;
    }

    void closeConnections() {
        dataSource.close();
    }
}
