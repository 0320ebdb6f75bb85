package dev.foldout.internal.cluster;

import dev.foldout.ConnectionUrl;
import dev.foldout.FoldoutException;
import dev.foldout.InstanceInfo;
import dev.foldout.MergeBase;
import dev.foldout.ProgressListener;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.ops.Privileges;
import dev.foldout.internal.sql.Transactions;
import dev.foldout.spi.InstanceBackend;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds an instance branch (reset, rebase): a fresh copy of its parent's current state is made beside it under a
 * temporary name (its row CREATING, so a process that dies leaves it for the next call's repair to remove, and the
 * branch as it was); a rebase merges the branch's own changes into it; then one catalog transaction swaps it in under
 * the branch's name, with its port and message, the old copy's row renamed and marked DELETING (a process that dies
 * after the swap leaves that row for the repair to remove); then the old copy is removed and the new one started on
 * the branch's port. Its merge base is the fresh copy's, taken before anything was merged into it: the parent's state.
 * The whole is journaled ({@code INSTANCE_REBUILD}): after the repair of a process that died anywhere in it, the branch
 * that stays (old or new) is running and takes sessions.
 */
public final class InstanceRebuilds {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The prefix of a fresh copy's temporary name. */
    static final String PREFIX = "foldout_rebuild_";

    private InstanceRebuilds() {
    }

    /** A fresh copy being made into branch {@code branch}. */
    public static final class Fresh {
        private final Session session;
        private final InstanceBranchOperation.Made made;
        private final String branch;
        private final long operation;

        private Fresh(Session session, InstanceBranchOperation.Made made, String branch, long operation) {
            this.session = session;
            this.made = made;
            this.branch = branch;
            this.operation = operation;
        }

        /** Where to connect to the branch's database on the fresh copy. */
        public ConnectionUrl url() {
            return Instances.url(session, made.row());
        }

        /** Its temporary name. */
        public String name() {
            return made.row().name();
        }

        /** The branch it is made for. */
        public String branch() {
            return branch;
        }
    }

    /**
     * Checks that instance branch {@code name} may be rebuilt (a superuser's call; ready; no branches made from it; not
     * in use unless {@code force}) and makes the fresh copy of its parent.
     */
    public static Fresh make(Session s, Connection c, String name, boolean force, boolean keepBase) throws SQLException {
        Privileges.requireSuperuser(c, "rebuilding instance branch \"" + name + "\"");
        InstanceRow row = Instances.require(c, name).requireTrusted();
        if (row.state() != InstanceRow.State.READY) {
            throw new FoldoutException("branch \"" + name + "\" is being " + (row.state() == InstanceRow.State.CREATING
                    ? "made" : "deleted") + " by another Foldout process right now: wait for it, then try again");
        }
        List<String> children = InstanceStore.children(c, name);
        if (!children.isEmpty()) {
            throw new FoldoutException("branch \"" + name + "\" has branches of its own: " + String.join(", ", children)
                    + " - they were made from its state, which a rebuild replaces: delete them first");
        }
        if (!force) {
            InstanceDeleteOperation.refuseIfInUse(s, row);
        }
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        String tempName = PREFIX + HexFormat.of().formatHex(b);
        // journaled: a process that dies from here on is repaired (InstanceRecovery) with the branch served and open
        Operation op = Journal.begin(c, new Operation(0, Operation.Kind.INSTANCE_REBUILD, name, tempName, null, null, null, null));
        try {
            return new Fresh(s, InstanceBranchOperation.fresh(s, c, row, tempName, keepBase), name, op.id());
        } catch (SQLException | RuntimeException e) {
            Journal.finish(c, op.id()); // the half-made copy is removed already
            throw e;
        }
    }

    /** Removes a fresh copy that will not be swapped in; failures are added to {@code cause}. */
    public static void discard(Session s, Connection c, Fresh fresh, Exception cause) {
        try {
            InstanceRow row = InstanceStore.find(c, fresh.name()).orElse(null);
            if (row != null) {
                InstanceDeleteOperation.remove(c, InstanceBackends.require(row.backend()), row, s.progress());
            }
            Journal.finish(c, fresh.operation);
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e); // its row stays CREATING: the next call's repair removes it
        }
    }

    /** Swaps {@code fresh} in for its branch (see the class comment); returns the rebuilt branch. */
    public static InstanceInfo swap(Session s, Connection c, Fresh fresh, String message) throws SQLException {
        ProgressListener progress = Failpoints.wrap("instance-swap", s.progress());
        String name = fresh.branch();
        InstanceRow old = Instances.require(c, name).requireTrusted();
        InstanceRow made = fresh.made.row();
        InstanceBackend backend = InstanceBackends.require(old.backend());
        String retired = made.name() + "_old";
        progress.step("stopping the servers of \"" + name + "\" and of its fresh copy");
        ClusterServer.of(old).stop();
        ClusterServer.of(made).stop();
        progress.step("swapping the fresh copy in as \"" + name + "\"");
        try (PortLock ports = PortLock.acquire()) {
            // ports are unique in the catalog: the fresh copy's moves aside, the old copy takes it, the branch's goes over
            int aside = ports.pick(c, made.listenAddress(), java.util.Set.of(s.server().port(), old.port(), made.port()));
            Transactions.inTransaction(c, tx -> {
                InstanceStore.rename(tx, name, retired);
                InstanceStore.markDeleting(tx, retired);
                InstanceSnapshots.forget(tx, name); // the old copy's snapshots go with its storage
                RefStore.delete(tx, name);
                InstanceStore.rename(tx, made.name(), name);
                InstanceStore.updatePort(tx, name, aside);
                InstanceStore.updatePort(tx, retired, made.port());
                InstanceStore.updatePort(tx, name, old.port());
                InstanceBranchOperation.record(tx, fresh.made, name, old.parent(), message);
                InstanceStore.markReady(tx, name);
            });
        }
        progress.step("removing the old copy of \"" + name + "\"");
        InstanceRow gone = InstanceStore.find(c, retired).orElseThrow();
        InstanceDeleteOperation.remove(c, backend, gone, progress);
        InstanceRow now = InstanceStore.find(c, name).orElseThrow();
        backend.label(now.location(), Map.of("branch", name));
        now = InstanceBranchOperation.startOnFreePort(s, c, now, progress);
        Journal.finish(c, fresh.operation);
        return Instances.info(s, now);
    }

    /** The merge base the fresh copy keeps, if any. */
    public static Optional<MergeBase> base(Fresh fresh) {
        return fresh.made.base().map(dev.foldout.internal.catalog.BaseStore.InstanceBase::info);
    }
}
