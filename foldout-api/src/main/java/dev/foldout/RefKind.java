package dev.foldout;

/** What a catalog entry stands for. */
public enum RefKind {
    /** A read-only, point-in-time copy of a database; nobody can connect to it. */
    SNAPSHOT,
    /** A writable copy of a database (or of a snapshot) that applications connect to. */
    BRANCH
}
