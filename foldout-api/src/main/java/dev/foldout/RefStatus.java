package dev.foldout;

/** Whether a catalog entry still matches the server: the catalog is never trusted blindly. */
public enum RefStatus {
    /** The database the entry names exists and is the one Foldout made. */
    OK,
    /** The database the entry names is gone (dropped outside Foldout). */
    MISSING,
    /** A database of that name exists, but it is not the one Foldout made (its OID differs). */
    REPLACED
}
