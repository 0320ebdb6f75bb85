package dev.foldout;

/** Where an instance branch's PostgreSQL server stands. */
public enum InstanceState {
    /** Its server runs and accepts connections on its port. */
    RUNNING,
    /** Its files are in place and its server is stopped: {@code foldout start NAME} starts it. */
    STOPPED,
    /** A process is making it right now, or died while making it (the next call removes what it left). */
    CREATING,
    /** A process is deleting it right now, or died while deleting it (the next call finishes the delete). */
    DELETING,
    /** The catalog has it but its files are gone (destroyed outside Foldout): delete it to clear the entry. */
    MISSING,
    /**
     * Its catalog entry was written by a role that is not a superuser: Foldout will not run, stop or remove anything the
     * entry names. A superuser should check it and delete it from {@code foldout.instances}.
     */
    UNTRUSTED
}
