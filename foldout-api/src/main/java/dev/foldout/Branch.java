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

    /** What changed on the branch against its parent, schema and rows: SQL that makes the parent look like the branch. */
    default Diff diff() {
        return diff(DiffOptions.DEFAULTS);
    }

    /**
     * What changed on the branch against its parent, with options.
     *
     * @throws NotFoundException if the branch or its parent no longer exists
     */
    Diff diff(DiffOptions options);

    /**
     * Writes the diff to {@code out} while it is made, holding no more than a batch of rows at a time however
     * large the change; returns it without its rows (the counts, the DDL, how each table was compared).
     */
    Diff writeDiff(Appendable out, DiffFormat format, DiffOptions options);

    /** Drops the branch and its catalog entry; with force, terminates the sessions connected to it first. */
    void delete(boolean force);
}
