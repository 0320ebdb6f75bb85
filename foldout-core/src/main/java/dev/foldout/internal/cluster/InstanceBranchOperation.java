package dev.foldout.internal.cluster;

import dev.foldout.BackendStatus;
import dev.foldout.CopyOptions;
import dev.foldout.InstanceInfo;
import dev.foldout.NameConflictException;
import dev.foldout.NotSupportedException;
import dev.foldout.ProgressListener;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.Names;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.ops.Preconditions;
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
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an instance branch: plan it in the catalog (port allocated under the lock), copy the cluster, prepare the
 * copy (stale {@code postmaster.pid} removed), start its server with the parent's binaries, then record the branch.
 * A failure removes what was made; a process that dies half-way leaves a CREATING row that the next call repairs.
 */
final class InstanceBranchOperation {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceBranchOperation.class);
    /** Where a branch's server listens unless asked otherwise. */
    static final String LISTEN_ADDRESS = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;

    private InstanceBranchOperation() {
    }

    static InstanceInfo run(Session s, String parent, String name, CopyOptions options, String backendName) {
        InstanceBackend backend = InstanceBackends.require(backendName);
        String what = "creating branch \"" + name + "\" of \"" + parent + "\" with backend " + backendName;
        try (Connection c = s.openOwner()) {
            InstanceRecovery.repair(s, c);
            Preconditions.freeName(c, "branch", Names.requireNew("branch", name), s.connections().address());
            if (InstanceStore.find(c, name).isPresent()) {
                throw new NameConflictException("cannot create branch \"" + name + "\": an instance branch of that name is "
                        + "being made or deleted - 'foldout status' shows it");
            }
            ProgressListener progress = Failpoints.wrap("instance-branch", s.progress());
            try (BranchSource src = BranchSource.resolve(s, c, parent)) {
                ClusterSource source = new ClusterSource(src.dataDir(), src.connection(), progress);
                BackendStatus status = backend.status(source);
                if (!status.available()) {
                    throw new NotSupportedException("backend '" + backendName + "' cannot branch \"" + parent + "\": " + status.reason());
                }
                String listen = options.listenAddress().isEmpty() ? LISTEN_ADDRESS : options.listenAddress();
                InstanceRow row = plan(c, s, backend, source, src, parent, name, listen);
                try {
                    return make(s, c, backend, source, row, options, progress);
                } catch (SQLException | RuntimeException e) {
                    undo(s, c, backend, row.name(), e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, what, s.connections().address());
        }
    }

    private static InstanceRow plan(Connection c, Session s, InstanceBackend backend, ClusterSource source, BranchSource src,
                                    String parent, String name, String listen) throws SQLException {
        String location = backend.plan(source, name);
        try (PortLock lock = PortLock.acquire()) {
            int port = lock.pick(c, listen, Set.of(s.server().port()));
            InstanceRow row = new InstanceRow(name, backend.name(), InstanceRow.State.CREATING, parent, src.parentBranch(),
                    src.database(), location, null, src.binaries(), src.osAccount(), listen, port, null, Instant.now());
            InstanceStore.insertPlanned(c, row);
            return row;
        }
    }

    private static InstanceInfo make(Session s, Connection c, InstanceBackend backend, ClusterSource source, InstanceRow planned,
                                     CopyOptions options, ProgressListener progress) throws SQLException {
        String name = planned.name();
        progress.step("copying the cluster of \"" + planned.parent() + "\" with " + backend.name());
        ClusterCopy copy = backend.copy(source, planned.location());
        InstanceStore.recordCopy(c, name, copy.dataDirectory(), copy.cutLsn());
        InstanceRow row = planned.withCopy(copy.dataDirectory(), copy.cutLsn());
        backend.label(planned.location(), java.util.Map.of("branch", name, "parent", planned.parent(), "database",
                planned.database(), "cut-lsn", copy.cutLsn().toString()));
        progress.step("preparing the copy in " + copy.dataDirectory());
        prepare(copy.dataDirectory());
        row = startOnFreePort(s, c, row, progress);
        progress.step("clearing the parent's instance branches from the copy's catalog");
        try (Connection b = s.connections().open(url(s, row, CopiedCatalog.database()))) {
            CopiedCatalog.clearInstances(b);
        }
        progress.step("recording branch \"" + name + "\"");
        RefInfo ref = new RefInfo(name, RefKind.BRANCH, planned.parent(), backend.name(), copy.cutLsn(), Instant.now(),
                options.message(), RefStatus.OK, copy.report());
        Transactions.inTransaction(c, tx -> {
            RefStore.insert(tx, ref, 0);
            InstanceStore.markReady(tx, name);
        });
        LOG.info("branch \"{}\" of \"{}\": {}, serving on {}:{}", name, planned.parent(), copy.report().describe(),
                row.listenAddress(), row.port());
        return Instances.info(s, InstanceStore.find(c, name).orElseThrow());
    }

    private static dev.foldout.ConnectionUrl url(Session s, InstanceRow row, String database) {
        return Instances.url(s, row).withDatabase(database);
    }

    /** Removes what the source's server left in the copy that would stop a server from starting on it. */
    private static void prepare(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
            Files.deleteIfExists(dataDir.resolve(ClusterServer.LOG_FILE));
        } catch (IOException e) {
            throw new dev.foldout.FoldoutException("could not remove the copied postmaster.pid from " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Starts the row's server; a port taken since it was allocated is replaced by another one, under the lock. */
    static InstanceRow startOnFreePort(Session s, Connection c, InstanceRow row, ProgressListener progress) throws SQLException {
        InstanceRow current = row;
        for (int attempt = 1; ; attempt++) {
            progress.step("starting PostgreSQL for \"" + row.name() + "\" on " + current.listenAddress() + ":" + current.port());
            try {
                ClusterServer.of(current).start(current.port(), current.listenAddress());
                InstanceBackends.require(current.backend()).label(current.location(),
                        java.util.Map.of("port", Integer.toString(current.port())));
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
