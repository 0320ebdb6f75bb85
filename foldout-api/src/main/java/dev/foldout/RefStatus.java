package dev.foldout;

/** Whether a catalog entry still matches the server: the catalog is never trusted blindly. */
public enum RefStatus {
    /** The database the entry names exists and is the one Foldout made. */
    OK,
    /** The database the entry names is gone (dropped outside Foldout). */
    MISSING,
    /** A database of that name exists, but it is not the one Foldout made (its OID differs). */
    REPLACED,
    /**
     * The entry is no evidence: the role that wrote it (stamped by the catalog) could not have made or dropped the
     * database it names, so Foldout neither drops it nor restores from it. Anyone may write the catalog; this is
     * how a forged entry shows.
     */
    UNTRUSTED
}
