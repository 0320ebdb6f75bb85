package dev.foldout.internal;

import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.cluster.Instances;
import dev.foldout.internal.ops.OrphanedDirectories;
import dev.foldout.internal.ops.Recovery;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Repair, assembled in one place: what Foldout does about work a process that died half-way left behind. Every call
 * that changes something repairs first (each operation under its lock: {@link Recovery} for journaled database copies,
 * restores and merges, {@code InstanceRecovery} through {@link Instances#repair} for instance branches, their
 * snapshots, bases and rebuilds); read-only calls (lists, diffs) do it through {@link #beforeRead}; {@code foldout
 * status} and {@link dev.foldout.Foldout#repair} run {@link #all}, which also finds data directories no database owns.
 * What this role may not repair is left, and {@link Recovery} says in one line which role's {@code foldout status}
 * repairs it.
 */
final class Repairs {
    private Repairs() {
    }

    /**
     * What read-only calls do first: one query finds whether a journaled operation was left half-done; only then is a
     * connection of its own opened to repair it.
     */
    static void beforeRead(Session s) {
        if (!s.read("reading the journal", Journal::hasOrphans)) {
            return;
        }
        try (Connection c = s.openOwner()) {
            Recovery.repair(s, c);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "repairing what interrupted operations left", s.connections().address());
        }
    }

    /**
     * Everything: journaled database operations, instance branches and their snapshots, and (removed when
     * {@code removeOrphanedFiles}, as a superuser) directories under {@code base/} that no database owns. One line each.
     */
    static List<String> all(Session s, boolean removeOrphanedFiles) {
        List<String> lines = new ArrayList<>(Instances.repair(s));
        lines.addAll(OrphanedDirectories.repair(s, removeOrphanedFiles));
        return lines;
    }
}
