package dev.foldout;

import java.sql.Connection;
import java.util.Optional;

/**
 * A handle on a branch: a writable copy of a database, made by copy-on-write where the backend can. A branch
 * made by a database backend ({@code template}, {@code reflink}) is a database in the parent's cluster; one made
 * by an instance backend ({@code zfs}, {@code reflink-cluster}) is a whole cluster on its own port, which
 * {@link #instance()} describes and {@link #start()}/{@link #stop()} control.
 */
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

    /**
     * The branch's own cluster, for an instance branch; empty for a branch that is a database of the parent's
     * cluster.
     */
    Optional<InstanceInfo> instance();

    /**
     * Starts an instance branch's server if it is stopped, on its port, and waits until it accepts connections.
     *
     * @throws NotSupportedException for a branch that is a database of the parent's cluster
     */
    void start();

    /**
     * Stops an instance branch's server (fast shutdown: open sessions are ended); its files stay.
     *
     * @throws NotSupportedException for a branch that is a database of the parent's cluster
     */
    void stop();

    /**
     * Makes a branch of this branch. An instance branch is copied as a whole cluster by its own backend (it must be
     * running); a database branch is branched like any database.
     */
    Branch branch(String branchName, CopyOptions options);

    /** Makes a branch of this branch with the default options. */
    default Branch branch(String branchName) {
        return branch(branchName, CopyOptions.DEFAULTS);
    }

    /** Makes a snapshot of the branch. */
    Snapshot snapshot(String snapshotName, CopyOptions options);

    /** Makes a snapshot of the branch with the default options. */
    default Snapshot snapshot(String snapshotName) {
        return snapshot(snapshotName, CopyOptions.DEFAULTS);
    }

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

    /**
     * Drops the branch and its catalog entry; with force, terminates the sessions connected to it first. An instance
     * branch's server is stopped and its files destroyed; one that has branches of its own is refused unless
     * {@code force} is set, which deletes those first.
     */
    void delete(boolean force);

    /**
     * Brings what the branch changed since its merge base into the parent, keeping what the parent changed on its
     * own: rows cell by cell (matched by key), schema object by object, in one transaction on the parent with every
     * constraint checked. Conflicts are refused by name and nothing changes, unless the options settle them. After a
     * merge the base moves to the branch's merged state, so merging again brings only newer work.
     *
     * @throws MergeConflictException when conflicts are left unsettled (nothing was changed)
     * @throws NotSupportedException  for a branch without a merge base, or an instance branch
     */
    MergeResult merge(MergeOptions options);

    /** {@link #merge(MergeOptions)} with the defaults: every conflict refused. */
    default MergeResult merge() {
        return merge(MergeOptions.DEFAULTS);
    }

    /**
     * Brings what the parent changed since the branch's merge base into the branch (the merge with the roles swapped,
     * the same conflicts): the branch is rebuilt as a fresh copy of its parent with its own changes replayed on top,
     * under the same name and connection URL, and its base moves to the parent's current state. The parent must be
     * free of other sessions for the moment it is copied, and the branch for the rebuild ({@code options.force()}
     * terminates them).
     *
     * @throws MergeConflictException when conflicts are left unsettled (nothing was changed)
     * @throws NotSupportedException  for a branch without a merge base, or an instance branch
     */
    MergeResult rebase(MergeOptions options);

    /**
     * Throws the branch's changes away: it becomes a fresh copy of its parent's current state under the same name and
     * connection URL, with a new merge base. With {@code force}, sessions on the branch and the parent are terminated.
     *
     * @throws NotSupportedException for an instance branch
     */
    void reset(boolean force);

    /**
     * Makes the branch equal to its parent again in place, by undoing only what changed on it since it was made (rows,
     * sequences' positions) in one transaction - milliseconds where a fresh copy costs a CREATE DATABASE. Done only when
     * at most {@code maxRows} rows changed, the schema did not, and the database's own settings, grants and comment
     * are untouched; otherwise (and for instance branches) nothing is changed and it returns {@code false}: delete the
     * branch and make a new one. The parent must not have changed since the branch was made (a test seed, say): its
     * own changes would be copied into the branch. Sessions on the branch should be closed first.
     *
     * @return whether the branch now equals its parent
     */
    boolean discardChanges(long maxRows);

    /**
     * As {@link #discardChanges(long)}, through {@code session}: an open connection to this branch that its owner keeps
     * between the branch's users (a test harness handing the next test a connection it need not open) and the only
     * session on the branch. The undo runs in a transaction of its own on it and leaves it open, in auto-commit, with
     * no session setting changed; the owner resets what the last user left on it ({@code DISCARD ALL}) first.
     *
     * @return whether the branch now equals its parent
     */
    boolean discardChanges(long maxRows, java.sql.Connection session);
}
