package dev.foldout.pagescan;

import java.nio.file.Path;

/**
 * The root of the exceptions of the page scan: a relation file that cannot be read, a segment that is
 * missing, a file that changed size under the reader. Unchecked; the message names the file and says
 * what to do. Corrupt page data is reported by the subclass {@link PageFormatException}.
 */
public class PageScanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * A failure on {@code file}.
     *
     * @param file the relation file concerned, or {@code null} if none
     * @param message what happened and how to fix it
     * @param cause the JDK exception translated, or {@code null}
     */
    public PageScanException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** A failure on {@code file} without a cause. */
    public PageScanException(Path file, String message) {
        this(file, message, null);
    }

    /** The relation file concerned, or {@code null}. */
    public Path file() {
        return file;
    }
}
