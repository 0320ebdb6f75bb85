package dev.foldout;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * An instance branch: a whole PostgreSQL cluster of its own, copied from its parent's data directory by
 * copy-on-write and served on its own port.
 *
 * @param name          the branch's name (may contain '/')
 * @param backend       the backend that made it, e.g. {@code zfs}
 * @param parent        what it was branched from: a database of the connected server, or another instance branch
 * @param database      the database applications connect to inside the branch's cluster
 * @param state         whether its server runs
 * @param host          the address its server listens on
 * @param port          its server's port, allocated once and kept while the branch exists
 * @param sizeBytes     the space the branch itself takes (what it does not share with its parent)
 * @param createdAt     when it was made
 * @param cutLsn        the parent's WAL position when the copy was cut: everything after it is new on either side
 * @param dataDirectory the branch cluster's data directory
 * @param location      where the backend keeps it, e.g. the ZFS dataset
 */
public record InstanceInfo(String name, String backend, String parent, String database, InstanceState state, String host,
                           int port, long sizeBytes, Instant createdAt, Lsn cutLsn, Path dataDirectory, String location) {
    /** Validates the record. */
    public InstanceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(cutLsn, "cutLsn");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(location, "location");
    }
}
