package dev.foldout;

/** A database, snapshot or branch that was named does not exist. */
public class NotFoundException extends FoldoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the resource and the fix. */
    public NotFoundException(String message) {
        super(message);
    }

    /** Creates the exception with a message that names the resource and the fix, and its cause. */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
