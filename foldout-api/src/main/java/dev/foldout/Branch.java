package dev.foldout;

import java.sql.Connection;

/** A handle on a branch: a writable copy of a database, made by copy-on-write where the backend can. */
public interface Branch {

    /** The branch's name. */
    String name();

    /** Its catalog entry, checked against the server. */
    RefInfo info();

    /** A new connection to the branch; the caller closes it. */
    Connection open();

    /** A JDBC URL for the branch, without the password. */
    String jdbcUrl();

    /** The database it was branched from. */
    Database parent();

    /** Makes a snapshot of the branch. */
    Snapshot snapshot(String snapshotName, CopyOptions options);

    /**
     * What changed on the branch against its parent, schema and rows.
     *
     * @throws NotSupportedException until the diff engine lands
     */
    Diff diff();

    /** Drops the branch and its catalog entry; with force, terminates the sessions connected to it first. */
    void delete(boolean force);
}
