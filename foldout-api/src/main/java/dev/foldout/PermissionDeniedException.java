package dev.foldout;

/** The role Foldout connects as lacks a right the operation needs (CREATEDB, CHECKPOINT, ownership). */
public class PermissionDeniedException extends FoldoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the resource and the fix. */
    public PermissionDeniedException(String message) {
        super(message);
    }

    /** Creates the exception with a message that names the resource and the fix, and its cause. */
    public PermissionDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
