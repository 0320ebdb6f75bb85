package dev.foldout.internal.cluster;

import dev.foldout.CopyMethod;
import dev.foldout.CopyOptions;
import dev.foldout.CopyReport;
import dev.foldout.FoldoutException;
import dev.foldout.Lsn;
import dev.foldout.NameConflictException;
import dev.foldout.NotFoundException;
import dev.foldout.NotSupportedException;
import dev.foldout.ProgressListener;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Names;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.ops.Preconditions;
import dev.foldout.internal.ops.Privileges;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.spi.ClusterSource;
import dev.foldout.spi.InstanceBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots of instance branches ({@code foldout snapshot BRANCH -m MSG}, {@code foldout commit}): a read-only,
 * crash-consistent image of the branch's cluster kept by its backend (a zfs snapshot of its dataset, after a
 * CHECKPOINT), recorded as a snapshot whose parent is the branch. Branches can be made from one; it is deleted
 * with its branch. Restoring a branch to one is not offered: make a branch of it.
 */
public final class InstanceSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceSnapshots.class);

    private InstanceSnapshots() {
    }

    /** The snapshot of an instance branch of that name, if the catalog has one. */
    static Optional<RefInfo> find(Connection c, String name) throws SQLException {
        return RefStore.find(c, name).filter(r -> r.kind() == RefKind.SNAPSHOT && InstanceBackends.isInstanceBackend(r.backend()));
    }

    /** Whether {@code name} is a snapshot of an instance branch. */
    public static boolean isInstanceSnapshot(Session s, String name) {
        return s.read("reading the catalog", c -> find(c, name)).isPresent();
    }

    /** Takes snapshot {@code snapshotName} of running instance branch {@code branch}. */
    public static void create(Session s, String branch, String snapshotName, CopyOptions options) {
        try (Connection c = s.openOwner()) {
            Privileges.requireSuperuser(c, "a snapshot of instance branch \"" + branch + "\"");
            InstanceRecovery.repair(s, c);
            Preconditions.freeName(c, "snapshot", Names.requireNew("snapshot", snapshotName), s.connections().address());
            InstanceRow row = Instances.requireReady(c, branch);
            InstanceBackend backend = InstanceBackends.require(row.backend());
            if (!ClusterServer.of(row).running()) {
                throw new NotSupportedException("branch \"" + branch + "\" is stopped: start it (" + Fixes.start(branch)
                        + ") to snapshot it");
            }
            // journaled first: a process that dies after the backend's snapshot and before the catalog has it leaves a
            // row that the next call finds (InstanceRecovery), so the snapshot is never orphaned nor blocks its name
            Operation op = Journal.begin(c, new Operation(0, Operation.Kind.INSTANCE_SNAPSHOT, branch, snapshotName, null, null,
                    null, null));
            ProgressListener progress = Failpoints.wrap("instance-snapshot", s.progress());
            try (Connection b = s.connections().open(Instances.url(s, row))) {
                long t0 = System.nanoTime();
                Lsn lsn = InstanceBackends.snapshots(backend).snapshot(ClusterSource.of(row.dataDir(), b, progress), row.location(), snapshotName);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                RefInfo ref = new RefInfo(snapshotName, RefKind.SNAPSHOT, branch, backend.name(), lsn, Instant.now(),
                        options.message(), RefStatus.OK, new CopyReport(CopyMethod.CLONE, elapsed, backend.name()
                        + " snapshot of branch " + branch));
                progress.step("recording snapshot \"" + snapshotName + "\"");
                RefStore.insert(c, ref, 0);
                LOG.info("snapshot \"{}\" of branch \"{}\" at {}", snapshotName, branch, lsn);
            } catch (NameConflictException e) {
                Journal.finish(c, op.id()); // the backend has a snapshot of that name that is not ours: left as it is
                throw e;
            } catch (SQLException | RuntimeException e) {
                // if this clean-up fails too, the journal row stays and the next call repairs it
                InstanceBackends.destroySnapshot(backend, row.location(), snapshotName);
                Journal.finish(c, op.id());
                throw e;
            }
            Journal.finish(c, op.id());
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "snapshotting branch \"" + branch + "\"", s.connections().address());
        }
    }

    /** Deletes a snapshot of an instance branch; branches made from it are refused unless {@code force}. */
    public static void delete(Session s, String snapshotName, boolean force) {
        try (Connection c = s.openOwner()) {
            Privileges.requireSuperuser(c, "deleting snapshot \"" + snapshotName + "\" of an instance branch");
            InstanceRecovery.repair(s, c);
            RefInfo ref = find(c, snapshotName).orElseThrow(() -> new NotFoundException("no snapshot named \"" + snapshotName
                    + "\" - " + Fixes.SNAPSHOTS + " shows them"));
            List<String> made = InstanceStore.madeFrom(c, snapshotName);
            if (!made.isEmpty() && !force) {
                throw new FoldoutException("snapshot \"" + snapshotName + "\" has branches made from it: " + String.join(", ", made)
                        + " - delete them first, or run again with force (delete(true)) to delete them together with it");
            }
            for (String branch : made) {
                InstanceDeleteOperation.run(s, branch, true);
            }
            Optional<InstanceRow> of = InstanceStore.find(c, ref.parent());
            if (of.isPresent()) {
                InstanceBackends.destroySnapshot(InstanceBackends.require(of.get().backend()), of.get().requireTrusted().location(), snapshotName);
            }
            RefStore.delete(c, snapshotName);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "deleting snapshot \"" + snapshotName + "\"", s.connections().address());
        }
    }

    /**
     * Finishes a snapshot whose process died after the journal row: if the catalog did not get it, whatever the backend
     * made is destroyed. Returns whether the row was repaired (false: the branch's entry may not be acted on).
     */
    static boolean repair(Connection c, Operation op) throws SQLException {
        Optional<InstanceRow> of = InstanceStore.find(c, op.source());
        // a snapshot is recorded as a snapshot of its own, or (a merge base) in its branch's entry
        boolean recorded = RefStore.find(c, op.target()).isPresent() || Jdbc.queryOne(c, "select 1 from foldout.refs "
                + "where name = ? and base_name = ?", rs -> true, op.source(), op.target()).orElse(false);
        if (of.isPresent() && !recorded) {
            Optional<InstanceBackend> backend = InstanceBackends.find(of.get().backend());
            if (backend.isEmpty() || !of.get().trusted()) {
                LOG.warn("snapshot \"{}\" of branch \"{}\" was left half-made by a dead process, but {}: left as it is",
                        op.target(), op.source(), backend.isEmpty() ? "backend '" + of.get().backend() + "' is not on the "
                                + "class path" : "the branch's entry was written by role '" + of.get().author() + "', not a superuser");
                return false;
            }
            InstanceBackends.destroySnapshot(backend.get(), of.get().location(), op.target());
            LOG.warn("removed snapshot \"{}\" of branch \"{}\", left half-made by a Foldout process that died", op.target(),
                    op.source());
        }
        Journal.finish(c, op.id());
        return true;
    }

    /** Drops the catalog entries of the snapshots of {@code branch}, whose storage went with it. */
    static void forget(Connection tx, String branch) throws SQLException {
        Jdbc.update(tx, "delete from foldout.refs where kind = 'SNAPSHOT' and parent = ? and db_oid = 0", branch);
    }
}
