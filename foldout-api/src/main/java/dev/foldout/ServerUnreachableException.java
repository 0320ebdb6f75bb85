package dev.foldout;

/** The PostgreSQL server did not answer at the host and port that were tried. */
public class ServerUnreachableException extends FoldoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the resource and the fix. */
    public ServerUnreachableException(String message) {
        super(message);
    }

    /** Creates the exception with a message that names the resource and the fix, and its cause. */
    public ServerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
