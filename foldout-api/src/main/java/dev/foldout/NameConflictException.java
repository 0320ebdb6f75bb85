package dev.foldout;

/** A name that Foldout was asked to create is already taken (by a database, snapshot or branch). */
public class NameConflictException extends FoldoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the resource and the fix. */
    public NameConflictException(String message) {
        super(message);
    }

    /** Creates the exception with a message that names the resource and the fix, and its cause. */
    public NameConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
