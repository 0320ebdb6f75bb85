package dev.foldout.internal.cluster;

import dev.foldout.CopyOptions;
import dev.foldout.FoldoutException;
import dev.foldout.InstanceInfo;
import dev.foldout.RefInfo;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.ops.Privileges;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets an instance branch: its copy is thrown away and the branch made again from its parent's current state (a
 * database of the server, an instance branch, or the snapshot it was made from), under the same name, with the
 * same backend, listen address and message, and on the same port when nothing else took it meanwhile, so its URL
 * stays. The two halves are the delete and the make, each repaired by the next call when a process dies inside
 * it; a process killed between them leaves no branch of that name, which {@code foldout branch} makes again.
 */
final class InstanceResetOperation {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceResetOperation.class);

    private InstanceResetOperation() {
    }

    static InstanceInfo run(Session s, String name, boolean force) {
        InstanceRow row;
        RefInfo ref;
        try (Connection c = s.openOwner()) {
            Privileges.requireSuperuser(c, "resetting instance branch \"" + name + "\"");
            InstanceRecovery.repair(s, c);
            row = Instances.require(c, name).requireTrusted();
            if (row.state() != InstanceRow.State.READY) {
                throw new FoldoutException("branch \"" + name + "\" is being " + (row.state() == InstanceRow.State.CREATING
                        ? "made" : "deleted") + " by another Foldout process right now: wait for it, then try again");
            }
            List<String> children = InstanceStore.children(c, name);
            if (!children.isEmpty()) {
                throw new FoldoutException("branch \"" + name + "\" has branches of its own: " + String.join(", ", children)
                        + " - they were made from its state, which a reset throws away: delete them first");
            }
            ref = RefStore.find(c, name).orElseThrow(() -> new FoldoutException("instance branch \"" + name
                    + "\" has no catalog entry: 'foldout status' repairs it"));
            if (!force) {
                InstanceDeleteOperation.refuseIfInUse(s, row);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "resetting branch \"" + name + "\"", s.connections().address());
        }
        int port = row.port();
        InstanceDeleteOperation.run(s, name, true);
        InstanceInfo made = InstanceBranchOperation.run(s, row.parent(), name,
                new CopyOptions(false, ref.message(), row.backend(), row.listenAddress(), ref.base().isPresent()), row.backend(),
                port);
        LOG.info("reset branch \"{}\" to the current state of \"{}\" ({}, port {})", name, row.parent(), row.backend(),
                made.port());
        return made;
    }
}
