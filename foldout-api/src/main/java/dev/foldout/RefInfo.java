package dev.foldout;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot or branch as the catalog records it, with its status checked against the server.
 *
 * @param name      the name (also the name of the database that holds it, for database backends)
 * @param kind      snapshot or branch
 * @param parent    the database (or snapshot) it was made from
 * @param backend   the backend that made it, e.g. {@code template}
 * @param lsn       the server's WAL position right after the copy was made
 * @param createdAt when it was made
 * @param message   the message given when it was made (may be empty)
 * @param status    whether it still exists as made
 * @param copy      the copy path taken and its time
 * @param base      a branch's merge base, when it keeps one (see {@link Branch#merge})
 */
public record RefInfo(String name, RefKind kind, String parent, String backend, Lsn lsn, Instant createdAt,
                      String message, RefStatus status, CopyReport copy, Optional<MergeBase> base) {
    /** Validates the record. */
    public RefInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(lsn, "lsn");
        Objects.requireNonNull(createdAt, "createdAt");
        message = Objects.requireNonNullElse(message, "");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(copy, "copy");
        base = Objects.requireNonNullElse(base, Optional.empty());
    }

    /** An entry without a merge base. */
    public RefInfo(String name, RefKind kind, String parent, String backend, Lsn lsn, Instant createdAt, String message,
                   RefStatus status, CopyReport copy) {
        this(name, kind, parent, backend, lsn, createdAt, message, status, copy, Optional.empty());
    }
}
