package dev.foldout.internal.cluster;

import dev.foldout.DatabaseInUseException;
import dev.foldout.FoldoutException;
import dev.foldout.ProgressListener;
import dev.foldout.SessionInfo;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.ops.ClusterDatabases;
import dev.foldout.internal.ops.Privileges;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.internal.sql.Transactions;
import dev.foldout.spi.InstanceBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes an instance branch: mark it DELETING, stop its server, destroy its copy (the backend removes what belongs
 * to it: its own snapshots, the snapshot it was cloned from), then drop its catalog entries. Branches made from it
 * are refused without force and deleted first with it. A process that dies half-way leaves a DELETING row that the
 * next call finishes.
 */
final class InstanceDeleteOperation {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceDeleteOperation.class);

    private InstanceDeleteOperation() {
    }

    static void run(Session s, String name, boolean force) {
        try (Connection c = s.openOwner()) {
            Privileges.requireSuperuser(c, "deleting instance branch \"" + name + "\"");
            InstanceRecovery.repair(s, c);
            InstanceRow row = Instances.require(c, name).requireTrusted();
            if (row.state() != InstanceRow.State.READY && InstanceStore.ownedByLiveSession(c, name)) {
                throw new FoldoutException("branch \"" + name + "\" is being " + (row.state() == InstanceRow.State.CREATING
                        ? "made" : "deleted") + " by another Foldout process right now: wait for it, then try again");
            }
            List<String> children = InstanceStore.children(c, name);
            if (!children.isEmpty() && !force) {
                throw new FoldoutException("branch \"" + name + "\" has branches of its own: " + String.join(", ", children)
                        + " - delete them first, or run again with force (delete(true)) to delete them together with it");
            }
            for (String child : children) {
                run(s, child, true);
            }
            if (!force) {
                refuseIfInUse(s, row);
            }
            InstanceStore.markDeleting(c, name);
            remove(c, InstanceBackends.require(row.backend()), row, Failpoints.wrap("instance-delete", s.progress()));
            LOG.info("deleted branch \"{}\" ({} at {})", name, row.backend(), row.location());
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "deleting branch \"" + name + "\"", s.connections().address());
        }
    }

    static void refuseIfInUse(Session s, InstanceRow row) throws SQLException {
        if (row.dataDir() == null || !ClusterServer.of(row).running()) {
            return;
        }
        try (Connection b = s.connections().open(Instances.url(s, row))) {
            List<SessionInfo> sessions = ClusterDatabases.sessions(b, row.database());
            if (!sessions.isEmpty()) {
                throw new DatabaseInUseException(row.database(), sessions, "branch \"" + row.name() + "\" on port " + row.port()
                        + " is in use: disconnect them, or run again with force (delete(true)) to end them");
            }
        }
    }

    /** Stops the server, destroys the copy and removes the catalog entries; each step may be repeated. */
    static void remove(Connection c, InstanceBackend backend, InstanceRow row, ProgressListener progress) throws SQLException {
        row.requireTrusted();
        progress.step("stopping the server of \"" + row.name() + "\"");
        if (row.dataDir() != null) {
            ClusterServer.of(row).stop();
        }
        progress.step("destroying the copy of \"" + row.name() + "\" at " + row.location());
        backend.destroy(row.location());
        progress.step("removing \"" + row.name() + "\" from the catalog");
        Transactions.inTransaction(c, tx -> {
            InstanceSnapshots.forget(tx, row.name()); // destroyed with the copy
            RefStore.delete(tx, row.name());
            InstanceStore.delete(tx, row.name());
        });
    }
}
