package dev.foldout;

import java.sql.Connection;

/** A handle on a database of the cluster. Immutable; the verbs do the I/O. */
public interface Database {

    /** The database's name. */
    String name();

    /** Its current state on the server. @throws NotFoundException if it no longer exists */
    DatabaseInfo info();

    /** A new connection to it; the caller closes it. */
    Connection open();

    /** A JDBC URL for it, without the password. */
    String jdbcUrl();

    /** Makes a read-only snapshot of it; refuses while other sessions are connected. */
    default Snapshot snapshot(String snapshotName) {
        return snapshot(snapshotName, CopyOptions.DEFAULTS);
    }

    /** Makes a read-only snapshot of it. */
    Snapshot snapshot(String snapshotName, CopyOptions options);

    /** Makes a writable copy-on-write branch of it; refuses while other sessions are connected. */
    default Branch branch(String branchName) {
        return branch(branchName, CopyOptions.DEFAULTS);
    }

    /** Makes a writable copy-on-write branch of it. */
    Branch branch(String branchName, CopyOptions options);

    /**
     * Puts this database back to the state of a snapshot, under its own name. The current state is kept
     * until the restored one is in place, so a failure loses nothing.
     */
    void restore(String snapshotName, CopyOptions options);

    /** Puts this database back to the state of a snapshot, with the default options. */
    default void restore(String snapshotName) {
        restore(snapshotName, CopyOptions.DEFAULTS);
    }

    /** Drops the database; with force, terminates the sessions connected to it first. */
    void drop(boolean force);
}
