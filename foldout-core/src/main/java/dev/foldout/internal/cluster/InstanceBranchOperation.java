package dev.foldout.internal.cluster;

import dev.foldout.BackendStatus;
import dev.foldout.ConnectionUrl;
import dev.foldout.CopyOptions;
import dev.foldout.FoldoutException;
import dev.foldout.InstanceInfo;
import dev.foldout.MergeBase;
import dev.foldout.NameConflictException;
import dev.foldout.NotSupportedException;
import dev.foldout.ProgressListener;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Names;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.ops.Preconditions;
import dev.foldout.internal.ops.Privileges;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.internal.sql.Transactions;
import dev.foldout.spi.ClusterCopy;
import dev.foldout.spi.ClusterSource;
import dev.foldout.spi.InstanceBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an instance branch: plan it in the catalog (port allocated under the lock), copy the cluster (a running
 * parent, or a snapshot of an instance branch), prepare the copy (stale {@code postmaster.pid} removed), start its
 * server with the parent's binaries, clear the parent's instance branches from the copied catalog, then record the
 * branch. A failure removes what was made; a process that dies half-way leaves a CREATING row that the next call
 * repairs.
 */
final class InstanceBranchOperation {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceBranchOperation.class);
    /** Where a branch's server listens unless asked otherwise. */
    static final String LISTEN_ADDRESS = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;

    private InstanceBranchOperation() {
    }

    static InstanceInfo run(Session s, String parent, String name, CopyOptions options, String backendName) {
        return run(s, parent, name, options, backendName, 0);
    }

    /** Makes the branch; on port {@code preferredPort} when that is free (0: any free port of the range). */
    static InstanceInfo run(Session s, String parent, String name, CopyOptions options, String backendName,
                            int preferredPort) {
        String what = "creating branch \"" + name + "\" of \"" + parent + "\"";
        try (Connection c = s.openOwner()) {
            Privileges.requireSuperuser(c, "an instance branch");
            InstanceRecovery.repair(s, c);
            Preconditions.freeName(c, "branch", Names.requireNew("branch", name), s.connections().address());
            if (InstanceStore.find(c, name).isPresent()) {
                throw new NameConflictException("cannot create branch \"" + name + "\": an instance branch of that name is "
                        + "being made or deleted - " + Fixes.REPAIR + " shows it");
            }
            ProgressListener progress = Failpoints.wrap("instance-branch", s.progress());
            String listen = options.listenAddress().isEmpty() ? LISTEN_ADDRESS : options.listenAddress();
            Optional<RefInfo> snapshot = InstanceSnapshots.find(c, parent);
            if (snapshot.isPresent()) {
                return fromSnapshot(s, c, snapshot.get(), name, options, listen, progress, preferredPort);
            }
            InstanceBackend backend = InstanceBackends.require(backendName);
            try (BranchSource src = BranchSource.resolve(s, c, parent)) {
                ClusterSource source = ClusterSource.of(src.dataDir(), src.connection(), progress);
                BackendStatus status = backend.status(source);
                if (!status.available()) {
                    throw new NotSupportedException("backend '" + backendName + "' cannot branch \"" + parent + "\": " + status.reason());
                }
                InstanceRow row = plan(s, c, InstanceRow.planned(name, backend.name(), parent, src.parentBranch(),
                        src.database(), backend.plan(source, name), src.binaries(), src.osAccount(), listen), preferredPort);
                return makeOrUndo(s, c, backend, row, options, progress, () -> backend.copy(source, row.location()));
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, what, s.connections().address());
        }
    }

    private static InstanceInfo fromSnapshot(Session s, Connection c, RefInfo snap, String name, CopyOptions options,
                                             String listen, ProgressListener progress, int preferredPort) throws SQLException {
        InstanceRow of = Instances.require(c, snap.parent()).requireTrusted();
        InstanceBackend backend = InstanceBackends.require(of.backend());
        InstanceRow row = plan(s, c, InstanceRow.planned(name, backend.name(), snap.name(), of.name(), of.database(),
                InstanceBackends.snapshots(backend).planFromSnapshot(of.location(), snap.name(), name), of.binaries(), of.osAccount(), listen), preferredPort);
        return makeOrUndo(s, c, backend, row, options, progress, () -> InstanceBackends.snapshots(backend).copyFromSnapshot(of.location(), of.dataDir(),
                snap.name(), row.location(), snap.lsn(), progress));
    }

    /** Records the planned row with a port chosen under the lock. */
    private static InstanceRow plan(Session s, Connection c, InstanceRow planned, int preferredPort) throws SQLException {
        try (PortLock lock = PortLock.acquire()) {
            InstanceRow row = planned.withPort(lock.pick(c, planned.listenAddress(), Set.of(s.server().port()), preferredPort));
            InstanceStore.insertPlanned(c, row);
            return row;
        }
    }

    private static InstanceInfo makeOrUndo(Session s, Connection c, InstanceBackend backend, InstanceRow row, CopyOptions options,
                                           ProgressListener progress, Supplier<ClusterCopy> copier) throws SQLException {
        return orUndo(s, c, backend, row.name(), () -> make(s, c, backend, row, options, progress, copier));
    }

    /** A step of making branch {@code name}. */
    private interface Step<T> {
        T run() throws SQLException;
    }

    /** Runs {@code step}; when it fails, removes what was made of {@code name} and rethrows. */
    private static <T> T orUndo(Session s, Connection c, InstanceBackend backend, String name, Step<T> step)
            throws SQLException {
        try {
            return step.run();
        } catch (SQLException | RuntimeException e) {
            undo(s, c, backend, name, e);
            throw e;
        }
    }

    private static InstanceInfo make(Session s, Connection c, InstanceBackend backend, InstanceRow planned, CopyOptions options,
                                     ProgressListener progress, Supplier<ClusterCopy> copier) throws SQLException {
        Made made = copyAndStart(s, c, backend, planned, options.base(), progress, copier);
        String name = planned.name();
        progress.step("recording branch \"" + name + "\"");
        Transactions.inTransaction(c, tx -> {
            record(tx, made, planned.name(), planned.parent(), options.message());
            InstanceStore.markReady(tx, name);
        });
        LOG.info("branch \"{}\" of \"{}\": {}, serving on {}:{}", name, planned.parent(), made.copy().report().describe(),
                made.row().listenAddress(), made.row().port());
        return Instances.info(s, InstanceStore.find(c, name).orElseThrow());
    }

    /**
     * A copy made for a branch and started, its row still CREATING (a process that dies leaves a row the next call's
     * repair removes), with its first merge base when it keeps one.
     */
    record Made(InstanceRow row, Optional<BaseStore.InstanceBase> base, ClusterCopy copy, String backend) {
    }

    /** Copies, prepares and starts the planned branch, clears the parent's instance branches from its catalog, keeps its base. */
    private static Made copyAndStart(Session s, Connection c, InstanceBackend backend, InstanceRow planned, boolean keepBase,
                                     ProgressListener progress, Supplier<ClusterCopy> copier) throws SQLException {
        String name = planned.name();
        progress.step("copying the cluster of \"" + planned.parent() + "\" with " + backend.name());
        ClusterCopy copy = copier.get();
        InstanceStore.recordCopy(c, name, copy.dataDirectory(), copy.cutLsn(), copy.cutSnapshot());
        InstanceRow row = planned.withCopy(copy.dataDirectory(), copy.cutLsn());
        backend.label(planned.location(), Map.of("branch", name, "parent", planned.parent(), "database",
                planned.database(), "cut-lsn", copy.cutLsn().toString()));
        progress.step("preparing the copy in " + copy.dataDirectory());
        prepare(copy.dataDirectory());
        row = startOnFreePort(s, c, row, progress);
        progress.step("clearing the parent's instance branches from the copy's catalog");
        try (Connection b = s.connections().open(url(s, row, CopiedCatalog.database()))) {
            CopiedCatalog.clearInstances(b);
        }
        Optional<BaseStore.InstanceBase> base = keepBase ? InstanceBases.takeFirst(s, backend, row, progress) : Optional.empty();
        return new Made(row, base, copy, backend.name());
    }

    /** Records branch {@code name} in the catalog (its entry and base) as {@code made} copied it, inside {@code tx}. */
    static void record(Connection tx, Made made, String name, String parent, String message) throws SQLException {
        RefInfo ref = new RefInfo(name, RefKind.BRANCH, parent, made.backend(), made.copy().cutLsn(), Instant.now(), message,
                RefStatus.OK, made.copy().report());
        RefStore.insert(tx, ref, 0);
        if (made.base().isPresent()) {
            BaseStore.setInstance(tx, name, made.base().get());
        }
    }

    /**
     * A fresh copy of the current state of branch {@code of}'s parent (a database of this server, an instance branch, or
     * the snapshot {@code of} was made from), made as {@code tempName} with {@code of}'s backend and listen address and
     * started on a free port; its row stays CREATING. A failure removes what was made.
     */
    static Made fresh(Session s, Connection c, InstanceRow of, String tempName, boolean keepBase) throws SQLException {
        ProgressListener progress = Failpoints.wrap("instance-rebuild", s.progress());
        Optional<RefInfo> snapshot = InstanceSnapshots.find(c, of.parent());
        InstanceBackend backend = InstanceBackends.require(of.backend());
        if (snapshot.isPresent()) {
            InstanceRow from = Instances.require(c, snapshot.get().parent()).requireTrusted();
            InstanceRow row = plan(s, c, InstanceRow.planned(tempName, backend.name(), of.parent(), from.name(), from.database(),
                    InstanceBackends.snapshots(backend).planFromSnapshot(from.location(), of.parent(), tempName), from.binaries(), from.osAccount(),
                    of.listenAddress()), 0);
            return copyOrUndo(s, c, backend, row, keepBase, progress, () -> InstanceBackends.snapshots(backend).copyFromSnapshot(from.location(),
                    from.dataDir(), of.parent(), row.location(), snapshot.get().lsn(), progress));
        }
        try (BranchSource src = BranchSource.resolve(s, c, of.parent())) {
            ClusterSource source = ClusterSource.of(src.dataDir(), src.connection(), progress);
            InstanceRow row = plan(s, c, InstanceRow.planned(tempName, backend.name(), of.parent(), src.parentBranch(),
                    src.database(), backend.plan(source, tempName), src.binaries(), src.osAccount(), of.listenAddress()), 0);
            return copyOrUndo(s, c, backend, row, keepBase, progress, () -> backend.copy(source, row.location()));
        }
    }

    private static Made copyOrUndo(Session s, Connection c, InstanceBackend backend, InstanceRow row, boolean keepBase,
                                   ProgressListener progress, Supplier<ClusterCopy> copier) throws SQLException {
        return orUndo(s, c, backend, row.name(), () -> copyAndStart(s, c, backend, row, keepBase, progress, copier));
    }

    /**
     * Starts a server named {@code name} on a copy of {@code base}, a snapshot of branch {@code of}, for a merge to read.
     * Its row is planned under {@code c}'s session and stays CREATING (no catalog entry, never listed as a branch); a
     * failure removes what was made.
     */
    static InstanceRow fromBase(Session s, Connection c, InstanceRow of, MergeBase base, String name) throws SQLException {
        InstanceBackend backend = InstanceBackends.require(of.backend());
        InstanceRow planned = plan(s, c, InstanceRow.planned(name, backend.name(), base.database(), of.name(), of.database(),
                InstanceBackends.snapshots(backend).planFromSnapshot(of.location(), base.database(), name), of.binaries(), of.osAccount(), LISTEN_ADDRESS), 0);
        return orUndo(s, c, backend, name, () -> {
            ClusterCopy copy = InstanceBackends.snapshots(backend).copyFromSnapshot(of.location(), of.dataDir(),
                    base.database(), planned.location(), base.lsn(), s.progress());
            InstanceStore.recordCopy(c, name, copy.dataDirectory(), copy.cutLsn(), copy.cutSnapshot());
            prepare(copy.dataDirectory());
            return startOnFreePort(s, c, planned.withCopy(copy.dataDirectory(), copy.cutLsn()), s.progress());
        });
    }

    private static ConnectionUrl url(Session s, InstanceRow row, String database) {
        return Instances.url(s, row).withDatabase(database);
    }

    /** Removes what the source's server left in the copy that would stop a server from starting on it. */
    private static void prepare(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
            Files.deleteIfExists(dataDir.resolve(ClusterServer.LOG_FILE));
        } catch (IOException e) {
            throw new FoldoutException("could not remove the copied postmaster.pid from " + dataDir + " (" + e.getMessage()
                    + "): run Foldout as root or as the account that owns the data directory", e);
        }
    }

    /** Starts the row's server; a port taken since it was allocated is replaced by another one, under the lock. */
    static InstanceRow startOnFreePort(Session s, Connection c, InstanceRow row, ProgressListener progress) throws SQLException {
        InstanceRow current = row;
        for (int attempt = 1; ; attempt++) {
            progress.step("starting PostgreSQL for \"" + row.name() + "\" on " + current.listenAddress() + ":" + current.port());
            try {
                ClusterServer.of(current).start(current.port(), current.listenAddress());
                InstanceBackends.require(current.backend()).label(current.location(), Map.of("port", Integer.toString(current.port())));
                return current;
            } catch (ClusterServer.StartFailed e) {
                if (!e.portInUse || attempt == START_ATTEMPTS) {
                    throw e;
                }
                try (PortLock lock = PortLock.acquire()) {
                    int port = lock.pick(c, current.listenAddress(), Set.of(s.server().port(), current.port()));
                    LOG.info("port {} of branch \"{}\" is in use: moving it to {}", current.port(), row.name(), port);
                    InstanceStore.updatePort(c, row.name(), port);
                    current = current.withPort(port);
                }
            }
        }
    }

    private static void undo(Session s, Connection c, InstanceBackend backend, String name, Exception cause) {
        try {
            InstanceRow row = InstanceStore.find(c, name).orElse(null);
            if (row != null) {
                InstanceDeleteOperation.remove(c, backend, row, s.progress());
            }
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            LOG.warn("could not remove the half-made branch \"{}\" ({}); the next Foldout call will", name, e.getMessage());
        }
    }
}
