package dev.foldout.internal.cluster;

import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.internal.sql.AdvisoryLocks;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.spi.InstanceBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes what a process that died while making or deleting an instance branch left: its row is CREATING or
 * DELETING and its owner session is gone. Either way the branch is removed (server stopped, copy destroyed, rows
 * dropped): a half-made branch is never half-usable. Runs before every instance operation and listing.
 */
final class InstanceRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceRecovery.class);
    private static final long REPAIR_LOCK = 0x466f6c64494eL; // "FoldIN"

    private InstanceRecovery() {
    }

    private static List<Operation> snapshotOrphans(Connection c) throws SQLException {
        return Journal.orphans(c).stream().filter(op -> op.kind() == Operation.Kind.INSTANCE_SNAPSHOT).toList();
    }

    private static List<Operation> rebuildOrphans(Connection c) throws SQLException {
        return Journal.orphans(c).stream().filter(op -> op.kind() == Operation.Kind.INSTANCE_REBUILD).toList();
    }

    /** Repairs every orphaned row, snapshot and rebuild; returns one line per repair. */
    static List<String> repair(Session s, Connection c) throws SQLException {
        List<InstanceRow> orphans = InstanceStore.orphans(c);
        List<Operation> snapshots = snapshotOrphans(c);
        if (orphans.isEmpty() && snapshots.isEmpty() && rebuildOrphans(c).isEmpty()) {
            return List.of();
        }
        // a session holding the repair lock (another repair, or any role's session that took it) is waited for, boundedly:
        // repairs never silently do nothing
        AdvisoryLocks.acquire(c, REPAIR_LOCK, s.config().terminateTimeout(),
                "repairing the instance branches a dead Foldout process left waits for another repair");
        try {
            List<String> repaired = new java.util.ArrayList<>();
            for (Operation op : snapshotOrphans(c)) {
                s.progress().step("repairing snapshot \"" + op.target() + "\" of \"" + op.source() + "\", left by a process that died");
                if (InstanceSnapshots.repair(c, op)) {
                    repaired.add("repaired snapshot \"" + op.target() + "\" of branch \"" + op.source()
                            + "\", left half-made by a Foldout process that died: removed");
                }
            }
            for (InstanceRow row : InstanceStore.orphans(c)) {
                if (!row.trusted()) {
                    LOG.warn("branch \"{}\" was left {} by a dead process, but its entry was written by role '{}', which is "
                            + "not a superuser: Foldout will not act on it - a superuser should check it and delete it from "
                            + "foldout.instances", row.name(), row.state(), row.author());
                    continue;
                }
                Optional<InstanceBackend> backend = InstanceBackends.find(row.backend());
                if (backend.isEmpty()) {
                    LOG.warn("branch \"{}\" was left {} by a dead process, but its backend '{}' is not on the class path: "
                            + "left for a Foldout that has it", row.name(), row.state(), row.backend());
                    continue;
                }
                s.progress().step("repairing branch \"" + row.name() + "\", left " + row.state() + " by a process that died");
                InstanceDeleteOperation.remove(c, backend.get(), row, s.progress());
                LOG.warn("removed branch \"{}\" ({} at {}), left {} by a Foldout process that died", row.name(), row.backend(),
                        row.location(), row.state());
                repaired.add("repaired branch \"" + row.name() + "\" (" + row.backend() + "), left " + row.state().name()
                        .toLowerCase(java.util.Locale.ROOT) + " by a Foldout process that died: removed");
            }
            for (Operation op : rebuildOrphans(c)) {
                // the fresh copy or the old one was removed above; the branch that stays is served and open again
                s.progress().step("repairing the rebuild of \"" + op.source() + "\", left by a process that died");
                Optional<InstanceRow> row = InstanceStore.find(c, op.source()).filter(r -> r.state() == InstanceRow.State.READY);
                if (row.isPresent() && row.get().trusted()) {
                    reopen(s, row.get());
                    repaired.add("repaired branch \"" + op.source() + "\", left half-rebuilt by a Foldout process that died: "
                            + "serving on port " + row.get().port() + " again");
                }
                Journal.finish(c, op.id());
            }
            return repaired;
        } finally {
            AdvisoryLocks.release(c, REPAIR_LOCK);
        }
    }

    /** Starts the branch's server if it is stopped, and lets its database take sessions. */
    private static void reopen(Session s, InstanceRow row) throws SQLException {
        if (!ClusterServer.of(row).running()) {
            ClusterServer.of(row).start(row.port(), row.listenAddress());
        }
        try (Connection b = s.connections().open(Instances.url(s, row).withDatabase("postgres"))) {
            dev.foldout.internal.sql.Jdbc.execute(b, "alter database " + dev.foldout.Identifiers.quote(row.database())
                    + " allow_connections true");
        }
    }
}
