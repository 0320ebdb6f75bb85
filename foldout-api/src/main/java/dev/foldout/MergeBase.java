package dev.foldout;

import java.util.Objects;

/**
 * The merge base of a branch: a hidden copy of the state both sides started from (the parent's state when the
 * branch was made, or what the last merge brought in), kept so that a merge can tell the branch's own changes from
 * the parent's. Nobody can connect to it; it is dropped with the branch.
 *
 * @param database the hidden database that holds it; for an instance branch (a cluster of its own), the name of the
 *                 snapshot of the branch's storage that holds it (a zfs snapshot, a reflink clone), from which a
 *                 merge starts a server of its own for the time it reads it
 * @param lsn      the server's WAL position right after it was copied
 * @param layout   whose files it was copied from, which decides which side's changes the locators can find against it
 * @param copy     how it was copied and how long that took (its cost)
 */
public record MergeBase(String database, Lsn lsn, Layout layout, CopyReport copy) {
    /** Whose files the base was copied from. */
    public enum Layout {
        /** Copied from the parent when the branch was made (or rebased, or reset): shares both sides' files. */
        PARENT,
        /** Copied from the branch at its last merge: shares the branch's files only. */
        BRANCH
    }

    /** Validates the record. */
    public MergeBase {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(lsn, "lsn");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(copy, "copy");
    }
}
