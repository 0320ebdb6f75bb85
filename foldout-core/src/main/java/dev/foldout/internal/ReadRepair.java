package dev.foldout.internal;

import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.ops.Recovery;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What read-only calls (lists, diffs) do first, as every call that changes something does: repair what a process that
 * died half-way left (a source closed to connections, a half-made copy). One query finds whether there is anything
 * to repair; only then is a connection of its own opened. What this role may not repair is left, and
 * {@link Recovery} says in one line which role's {@code foldout status} repairs it.
 */
final class ReadRepair {
    private ReadRepair() {
    }

    /** Repairs what dead processes left, if anything. */
    static void run(Session s) {
        if (!s.read("reading the journal", Journal::hasOrphans)) {
            return;
        }
        try (Connection c = s.openOwner()) {
            Recovery.repair(s, c);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "repairing what interrupted operations left", s.connections().address());
        }
    }
}
