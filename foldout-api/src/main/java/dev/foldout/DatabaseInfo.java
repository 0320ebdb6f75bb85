package dev.foldout;

import java.util.Objects;

/**
 * A database of the cluster.
 *
 * @param name              its name
 * @param oid               its OID
 * @param sizeBytes         its size on disk ({@code pg_database_size}), or -1 where the role may not see it
 * @param allowsConnections whether it accepts connections ({@code datallowconn}); snapshots do not
 * @param ref               whether Foldout made it, and as what: empty for the user's own databases
 */
public record DatabaseInfo(String name, long oid, long sizeBytes, boolean allowsConnections, java.util.Optional<RefKind> ref) {
    /** Validates the record. */
    public DatabaseInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ref, "ref");
        if (oid <= 0) {
            throw new IllegalArgumentException("oid must be positive, was " + oid);
        }
    }
}
