package dev.foldout;

/**
 * The root of every error Foldout reports. Unchecked; each subclass stands for one thing a caller
 * does differently. Messages say what happened, on which resource, and how to fix it.
 */
public class FoldoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that names the resource and the fix. */
    public FoldoutException(String message) {
        super(message);
    }

    /** Creates an exception with a message that names the resource and the fix, and its cause. */
    public FoldoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
