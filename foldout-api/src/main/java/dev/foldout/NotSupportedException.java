package dev.foldout;

/** The operation is not available here: a backend that cannot run on this server, or a feature not built yet. */
public class NotSupportedException extends FoldoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the resource and the fix. */
    public NotSupportedException(String message) {
        super(message);
    }

    /** Creates the exception with a message that names the resource and the fix, and its cause. */
    public NotSupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
