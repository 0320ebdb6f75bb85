package dev.foldout;

/** A handle on a snapshot: a read-only, point-in-time copy of a database. */
public interface Snapshot {

    /** The snapshot's name. */
    String name();

    /** Its catalog entry, checked against the server. */
    RefInfo info();

    /** Puts the database it was made from back to this snapshot, with the default options. */
    default void restore() {
        restore(CopyOptions.DEFAULTS);
    }

    /** Puts the database it was made from back to this snapshot. */
    void restore(CopyOptions options);

    /** Makes a writable branch that starts from this snapshot, with the default options. */
    default Branch branch(String branchName) {
        return branch(branchName, CopyOptions.DEFAULTS);
    }

    /** Makes a writable branch that starts from this snapshot. */
    Branch branch(String branchName, CopyOptions options);

    /** Drops the snapshot and its catalog entry. */
    void delete(boolean force);
}
