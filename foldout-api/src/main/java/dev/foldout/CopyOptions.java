package dev.foldout;

import java.util.Objects;

/**
 * Options of one snapshot, branch or restore.
 *
 * @param force   terminate other sessions connected to the source instead of refusing
 * @param message a message recorded in the catalog (may be empty)
 * @param backend the backend to use for this copy; empty: the {@link Foldout}'s choice
 */
public record CopyOptions(boolean force, String message, String backend) {
    /** The defaults: refuse while the source is in use, no message, the session's backend. */
    public static final CopyOptions DEFAULTS = new CopyOptions(false, "", "");

    /** Validates the record. */
    public CopyOptions {
        message = Objects.requireNonNullElse(message, "");
        backend = Objects.requireNonNullElse(backend, "");
        if (message.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("message must not contain NUL characters");
        }
    }

    /** These options with force set as given. */
    public CopyOptions withForce(boolean value) {
        return new CopyOptions(value, message, backend);
    }

    /** These options with a message. */
    public CopyOptions withMessage(String value) {
        return new CopyOptions(force, value, backend);
    }

    /** These options with a backend. */
    public CopyOptions withBackend(String value) {
        return new CopyOptions(force, message, value);
    }
}
