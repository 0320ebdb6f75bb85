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
 * @param base    for a branch of a database backend ({@code template}, {@code reflink}): keep a merge base, a hidden
 *                copy of the parent made in the same lock, so that {@link Branch#merge} can keep the parent's own
 *                changes; false: none (the branch then only has the two-way diff). Ignored for snapshots and restores.
 * @param fromOtherDatabase for a restore, replace the database with a snapshot of another database; without it a
 *                          restore refuses a snapshot that was not taken of the database it replaces
 */
public record CopyOptions(boolean force, String message, String backend, String listenAddress, boolean base,
                          boolean fromOtherDatabase) {
    /** The defaults: refuse while the source is in use, no message, the session's backend, a merge base. */
    public static final CopyOptions DEFAULTS = new CopyOptions(false, "", "", "", true, false);

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
    public CopyOptions(boolean force, String message, String backend, String listenAddress, boolean base) {
        this(force, message, backend, listenAddress, base, false);
    }

    /** Options with a merge base. */
    public CopyOptions(boolean force, String message, String backend, String listenAddress) {
        this(force, message, backend, listenAddress, true);
    }

    /** Options without a listen address (instance branches listen on {@code 127.0.0.1}), with a merge base. */
    public CopyOptions(boolean force, String message, String backend) {
        this(force, message, backend, "", true);
    }

    /** These options with force set as given. */
    public CopyOptions withForce(boolean value) {
        return new CopyOptions(value, message, backend, listenAddress, base, fromOtherDatabase);
    }

    /** These options with a message. */
    public CopyOptions withMessage(String value) {
        return new CopyOptions(force, value, backend, listenAddress, base, fromOtherDatabase);
    }

    /** These options with a backend. */
    public CopyOptions withBackend(String value) {
        return new CopyOptions(force, message, value, listenAddress, base, fromOtherDatabase);
    }

    /** These options with the address an instance branch's server listens on. */
    public CopyOptions withListenAddress(String value) {
        return new CopyOptions(force, message, backend, value, base, fromOtherDatabase);
    }

    /** These options with or without a merge base (branches only). */
    public CopyOptions withBase(boolean value) {
        return new CopyOptions(force, message, backend, listenAddress, value, fromOtherDatabase);
    }

    /** These options with a restore allowed (or not) to put a snapshot of another database in place of this one. */
    public CopyOptions withFromOtherDatabase(boolean value) {
        return new CopyOptions(force, message, backend, listenAddress, base, value);
    }
}
