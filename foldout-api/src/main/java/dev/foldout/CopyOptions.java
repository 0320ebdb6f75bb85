package dev.foldout;

import java.util.Objects;

/**
 * Options of one snapshot, branch or restore.
 *
 * @param force   terminate other sessions connected to the source instead of refusing
 * @param message a message recorded in the catalog (may be empty)
 * @param backend the backend to use for this copy; empty: the {@link Foldout}'s choice
 * @param listenAddress for an instance branch, the address its server listens on (an IP address, or {@code *} for
 *                      all); empty: {@code 127.0.0.1} only. The parent's {@code pg_hba.conf} still decides who may connect.
 * @param fromOtherDatabase for a restore, replace the database with a snapshot of another database; without it a
 *                          restore refuses a snapshot that was not taken of the database it replaces
 */
public record CopyOptions(boolean force, String message, String backend, String listenAddress, boolean fromOtherDatabase) {
    /** The defaults: refuse while the source is in use, no message, the session's backend. */
    public static final CopyOptions DEFAULTS = new CopyOptions(false, "", "", "", false);

    /** Validates the record. */
    public CopyOptions {
        message = Objects.requireNonNullElse(message, "");
        backend = Objects.requireNonNullElse(backend, "");
        if (message.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("message must not contain NUL characters");
        }
        listenAddress = Objects.requireNonNullElse(listenAddress, "");
        if (!listenAddress.isEmpty() && !listenAddress.equals("*") && !listenAddress.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("listen address '" + listenAddress + "' is not an IP address or '*': give e.g. "
                    + "127.0.0.1, 0.0.0.0, ::1 or *");
        }
    }

    /** Options that restore only a snapshot of the database itself. */
    public CopyOptions(boolean force, String message, String backend, String listenAddress) {
        this(force, message, backend, listenAddress, false);
    }

    /** Options without a listen address (instance branches listen on {@code 127.0.0.1}). */
    public CopyOptions(boolean force, String message, String backend) {
        this(force, message, backend, "");
    }

    /** These options with force set as given. */
    public CopyOptions withForce(boolean value) {
        return new CopyOptions(value, message, backend, listenAddress, fromOtherDatabase);
    }

    /** These options with a message. */
    public CopyOptions withMessage(String value) {
        return new CopyOptions(force, value, backend, listenAddress, fromOtherDatabase);
    }

    /** These options with a backend. */
    public CopyOptions withBackend(String value) {
        return new CopyOptions(force, message, value, listenAddress, fromOtherDatabase);
    }

    /** These options with the address an instance branch's server listens on. */
    public CopyOptions withListenAddress(String value) {
        return new CopyOptions(force, message, backend, value, fromOtherDatabase);
    }

    /** These options with a restore allowed (or not) to put a snapshot of another database in place of this one. */
    public CopyOptions withFromOtherDatabase(boolean value) {
        return new CopyOptions(force, message, backend, listenAddress, value);
    }
}
