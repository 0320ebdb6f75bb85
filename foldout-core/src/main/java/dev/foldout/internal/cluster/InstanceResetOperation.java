package dev.foldout.internal.cluster;

import dev.foldout.FoldoutException;
import dev.foldout.InstanceInfo;
import dev.foldout.RefInfo;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.ops.Privileges;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets an instance branch: a fresh copy of its parent's current state (a database of the server, an instance
 * branch, or the snapshot it was made from) is made beside it and swapped in under the same name, with the same
 * backend, listen address, message and port, so its URL stays ({@link InstanceRebuilds}). A process killed before
 * the swap leaves the branch as it was (the half-made copy is removed by the next call); one killed after it leaves
 * the new branch, stopped until started, and the old copy for the next call to remove.
 */
final class InstanceResetOperation {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceResetOperation.class);

    private InstanceResetOperation() {
    }

    static InstanceInfo run(Session s, String name, boolean force) {
        try (Connection c = s.openOwner()) {
            Privileges.requireSuperuser(c, "resetting instance branch \"" + name + "\"");
            InstanceRecovery.repair(s, c);
            RefInfo ref = RefStore.find(c, name).orElseThrow(() -> new FoldoutException("instance branch \"" + name
                    + "\" has no catalog entry: " + Fixes.REPAIR + " repairs it"));
            InstanceRebuilds.Fresh fresh = InstanceRebuilds.make(s, c, name, force, ref.base().isPresent());
            InstanceInfo made;
            try {
                made = InstanceRebuilds.swap(s, c, fresh, ref.message());
            } catch (SQLException | RuntimeException e) {
                InstanceRebuilds.discard(s, c, fresh, e);
                throw e;
            }
            LOG.info("reset branch \"{}\" to the current state of \"{}\" ({}, port {})", name, ref.parent(), made.backend(),
                    made.port());
            return made;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "resetting branch \"" + name + "\"", s.connections().address());
        }
    }
}
