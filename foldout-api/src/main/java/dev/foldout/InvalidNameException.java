package dev.foldout;

/** A name Foldout was asked to create is not acceptable (quotes, spaces, control characters, too long). */
public class InvalidNameException extends FoldoutException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the resource and the fix. */
    public InvalidNameException(String message) {
        super(message);
    }

    /** Creates the exception with a message that names the resource and the fix, and its cause. */
    public InvalidNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
