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
 * @param author        the role that last wrote the row, as the catalog stamped it (null for a row not yet stored)
 * @param trusted       whether that role is a superuser (true for a row not yet stored): only then does Foldout act
 *                      on the row's paths, programs and account outside the database
 */
record InstanceRow(String name, String backend, State state, String parent, String parentBranch, String database,
                   String location, Path dataDir, Path binaries, String osAccount, String listenAddress, int port,
                   Lsn cutLsn, Instant createdAt, String author, boolean trusted) {

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

    /** A row planned by this process, not yet stored. */
    static InstanceRow planned(String name, String backend, String parent, String parentBranch, String database,
                               String location, Path binaries, String osAccount, String listenAddress) {
        return new InstanceRow(name, backend, State.CREATING, parent, parentBranch, database, location, null, binaries,
                osAccount, listenAddress, 0, null, Instant.now(), null, true);
    }

    /** The row with the copy's facts filled in. */
    InstanceRow withCopy(Path copiedDataDir, Lsn lsn) {
        return new InstanceRow(name, backend, state, parent, parentBranch, database, location, copiedDataDir, binaries,
                osAccount, listenAddress, port, lsn, createdAt, author, trusted);
    }

    /** The row with another port. */
    InstanceRow withPort(int newPort) {
        return new InstanceRow(name, backend, state, parent, parentBranch, database, location, dataDir, binaries,
                osAccount, listenAddress, newPort, cutLsn, createdAt, author, trusted);
    }

    /**
     * This row, if Foldout may act on it outside the database (start or stop its server, run its binaries as its
     * account, destroy its location); else a one-line refusal naming the fix.
     */
    InstanceRow requireTrusted() {
        if (!trusted) {
            throw new dev.foldout.PermissionDeniedException("the catalog entry of instance branch \"" + name
                    + "\" was written by role '" + author + "', which is not a superuser, so Foldout will not run, stop or "
                    + "remove anything it names - a superuser should check it and delete it from foldout.instances");
        }
        return this;
    }
}
