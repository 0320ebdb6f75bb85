package dev.foldout.internal.cluster;

import dev.foldout.Lsn;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * An instance branch as {@code foldout.instances} records it.
 *
 * @param name          the branch's name
 * @param backend       the instance backend that made it
 * @param state         CREATING, READY or DELETING
 * @param parent        the database or instance branch it was made from
 * @param parentBranch  the instance branch it was made from, else null
 * @param database      the database to connect to inside it
 * @param location      the backend's opaque location of the copy
 * @param dataDir       its data directory, null until the copy is made
 * @param binaries      the directory holding {@code bin/pg_ctl} of the parent's server
 * @param osAccount     the account its server runs as (empty: this process's)
 * @param listenAddress the address its server listens on
 * @param port          its port
 * @param cutLsn        the parent's WAL position at the cut, null until the copy is made
 * @param createdAt     when it was planned
 */
record InstanceRow(String name, String backend, State state, String parent, String parentBranch, String database,
                   String location, Path dataDir, Path binaries, String osAccount, String listenAddress, int port,
                   Lsn cutLsn, Instant createdAt) {

    /** The life cycle of a row. */
    enum State {
        /** Planned; the copy and its server are being made. */
        CREATING,
        /** Made and recorded as a branch. */
        READY,
        /** Being deleted. */
        DELETING
    }

    InstanceRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(location, "location");
    }

    /** The row with the copy's facts filled in. */
    InstanceRow withCopy(Path copiedDataDir, Lsn lsn) {
        return new InstanceRow(name, backend, state, parent, parentBranch, database, location, copiedDataDir, binaries,
                osAccount, listenAddress, port, lsn, createdAt);
    }

    /** The row with another port. */
    InstanceRow withPort(int newPort) {
        return new InstanceRow(name, backend, state, parent, parentBranch, database, location, dataDir, binaries,
                osAccount, listenAddress, newPort, cutLsn, createdAt);
    }
}
