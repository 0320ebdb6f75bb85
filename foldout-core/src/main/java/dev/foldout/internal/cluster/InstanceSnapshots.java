package dev.foldout.internal.cluster;

import dev.foldout.CopyMethod;
import dev.foldout.CopyOptions;
import dev.foldout.CopyReport;
import dev.foldout.FoldoutException;
import dev.foldout.Lsn;
import dev.foldout.NotFoundException;
import dev.foldout.NotSupportedException;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.Names;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.ops.Preconditions;
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
            InstanceRecovery.repair(s, c);
            Preconditions.freeName(c, "snapshot", Names.requireNew("snapshot", snapshotName), s.connections().address());
            InstanceRow row = Instances.requireReady(c, branch);
            InstanceBackend backend = InstanceBackends.require(row.backend());
            if (!ClusterServer.of(row).running()) {
                throw new NotSupportedException("branch \"" + branch + "\" is stopped: start it ('foldout start " + branch
                        + "') to snapshot it");
            }
            try (Connection b = s.connections().open(Instances.url(s, row))) {
                long t0 = System.nanoTime();
                Lsn lsn = backend.snapshot(new ClusterSource(row.dataDir(), b, s.progress()), row.location(), snapshotName);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                RefInfo ref = new RefInfo(snapshotName, RefKind.SNAPSHOT, branch, backend.name(), lsn, Instant.now(),
                        options.message(), RefStatus.OK, new CopyReport(CopyMethod.CLONE, elapsed, backend.name()
                        + " snapshot of branch " + branch));
                try {
                    RefStore.insert(c, ref, 0);
                } catch (SQLException | RuntimeException e) {
                    backend.destroySnapshot(row.location(), snapshotName);
                    throw e;
                }
                LOG.info("snapshot \"{}\" of branch \"{}\" at {}", snapshotName, branch, lsn);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "snapshotting branch \"" + branch + "\"", s.connections().address());
        }
    }

    /** Deletes a snapshot of an instance branch; branches made from it are refused unless {@code force}. */
    public static void delete(Session s, String snapshotName, boolean force) {
        try (Connection c = s.openOwner()) {
            InstanceRecovery.repair(s, c);
            RefInfo ref = find(c, snapshotName).orElseThrow(() -> new NotFoundException("no snapshot named \"" + snapshotName
                    + "\" - 'foldout snapshots list' shows them"));
            List<String> made = InstanceStore.madeFrom(c, snapshotName);
            if (!made.isEmpty() && !force) {
                throw new FoldoutException("snapshot \"" + snapshotName + "\" has branches made from it: " + String.join(", ", made)
                        + " - delete them first, or run again with --force to delete them together with it");
            }
            for (String branch : made) {
                InstanceDeleteOperation.run(s, branch, true);
            }
            Optional<InstanceRow> of = InstanceStore.find(c, ref.parent());
            if (of.isPresent()) {
                InstanceBackends.require(of.get().backend()).destroySnapshot(of.get().location(), snapshotName);
            }
            RefStore.delete(c, snapshotName);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "deleting snapshot \"" + snapshotName + "\"", s.connections().address());
        }
    }

    /** Drops the catalog entries of the snapshots of {@code branch}, whose storage went with it. */
    static void forget(Connection tx, String branch) throws SQLException {
        Jdbc.update(tx, "delete from foldout.refs where kind = 'SNAPSHOT' and parent = ? and db_oid = 0", branch);
    }
}
