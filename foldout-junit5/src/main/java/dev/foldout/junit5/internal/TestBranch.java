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
    private final WarmConnection warm;
    private final ConnectionUrl url;
    private final TrackedDataSource dataSource;
    private final long waitNanos;
    private volatile boolean failed;

    TestBranch(Branch branch, WarmConnection warm, ConnectionUrl serverUrl, long waitNanos) {
        this.branch = branch;
        this.warm = warm;
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

    /**
     * A new data source on the branch, for connections of a shorter scope (one test of a per-class branch). The first
     * connection any of the branch's data sources hands out is the one the pool kept open on it.
     */
    public TrackedDataSource newDataSource() {
        return new TrackedDataSource(this::connect, url.jdbcUrl());
    }

    private java.sql.Connection connect() {
        java.sql.Connection kept = warm == null ? null : warm.lend();
        return kept != null ? kept : branch.open();
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

    /** The branch with the connection the pool keeps on it, to give back. */
    BranchPool.Ready ready() {
        return new BranchPool.Ready(branch, warm);
    }

    void closeConnections() {
        dataSource.close();
    }
}
