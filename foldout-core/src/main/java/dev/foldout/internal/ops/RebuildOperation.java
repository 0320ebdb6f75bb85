package dev.foldout.internal.ops;

import dev.foldout.CopyReport;
import dev.foldout.FoldoutException;
import dev.foldout.Lsn;
import dev.foldout.MergeBase;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResult;
import dev.foldout.NotFoundException;
import dev.foldout.NotSupportedException;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.cluster.Failpoints;
import dev.foldout.internal.merge.DriftSink;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.spi.BranchBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a branch from its parent's current state under the same name: {@code reset} throws the branch's own changes
 * away, {@code rebase} replays them (the merge engine, into the fresh copy; the same conflicts). The parent is copied
 * twice in one lock, into a temporary database and the new merge base; a rebase then merges the branch's changes
 * since its old base into the temporary copy while the branch is closed to sessions; the temporary copy and the branch
 * swap names, and the catalog learns the new base, in one transaction; the previous branch and base are dropped last.
 * At every moment the old or the new branch is in place under the name; a process that dies is repaired by
 * {@link Recovery}.
 */
public final class RebuildOperation {
    /** The prefix of the temporary copy's name; the rest is the suffix all the operation's names share. */
    static final String TEMP = "foldout_tmp_";
    /** The prefix of the previous branch's name while it waits to be dropped. */
    static final String PREV = "foldout_prev_";
    /** The suffix of the old base's name while it waits to be dropped. */
    static final String OLD = "_old";
    private static final Logger LOG = LoggerFactory.getLogger(RebuildOperation.class);

    private RebuildOperation() {
    }

    /** Throws the branch's changes away: it becomes a fresh copy of its parent. */
    public static void reset(Session s, String branch, boolean force) {
        run(s, branch, null, MergeOptions.DEFAULTS.withForce(force));
    }

    /** Replays the branch's changes since its base onto a fresh copy of its parent; refused, changing nothing, on conflicts. */
    public static MergeResult rebase(Session s, String branch, MergeOptions options) {
        return run(s, branch, options, options);
    }

    private static MergeResult run(Session s, String branch, MergeOptions rebase, MergeOptions options) {
        String verb = rebase == null ? "reset" : "rebase";
        String address = s.connections().address();
        try (Connection c = s.openOwner()) {
            Recovery.repair(s, c);
            RefInfo ref = RefStore.find(c, branch).filter(r -> r.kind() == RefKind.BRANCH).orElseThrow(() ->
                    new NotFoundException("no branch named \"" + branch + "\" - " + Fixes.BRANCHES + " shows them"));
            if (!BaseCopy.DATABASE_BACKENDS.contains(ref.backend())) {
                if (rebase != null) {
                    return InstanceRebaseOperation.run(s, ref, rebase);
                }
                dev.foldout.internal.cluster.Instances.reset(s, branch, options.force());
                return null;
            }
            if (ref.status() != RefStatus.OK) {
                throw new NotFoundException("branch \"" + branch + "\" is in the catalog but its database is gone or replaced: "
                        + Fixes.deleteBranch(branch) + " removes the entry");
            }
            Optional<BaseStore.Base> base = BaseStore.find(c, branch);
            if (rebase != null && base.isEmpty()) {
                throw new NotSupportedException("branch \"" + branch + "\" has no merge base, so its own changes cannot be told "
                        + "from its parent's: " + Fixes.reset(branch) + " makes it a fresh copy of the parent instead");
            }
            if (RefStore.find(c, ref.parent()).map(r -> r.kind() == RefKind.SNAPSHOT).orElse(false)) {
                throw new NotSupportedException("branch \"" + branch + "\" was made from snapshot \"" + ref.parent()
                        + "\", which never changes: nothing to " + verb + " onto");
            }
            ClusterDatabases.Row parentRow = Preconditions.existingDatabase(c, ref.parent(), address);
            ClusterDatabases.Row branchRow = Preconditions.existingDatabase(c, branch, address);
            Privileges.requireCreateDb(c);
            Privileges.requireOwner(c, parentRow);
            Privileges.requireOwner(c, branchRow);
            boolean parentFirst = parentRow.oid() < branchRow.oid();
            ClusterDatabases.Row first = parentFirst ? parentRow : branchRow;
            ClusterDatabases.Row second = parentFirst ? branchRow : parentRow;
            try (AdvisoryLock a = AdvisoryLock.acquire(c, first.name(), first.oid(), s.config().terminateTimeout());
                 AdvisoryLock b = AdvisoryLock.acquire(c, second.name(), second.oid(), s.config().terminateTimeout())) {
                boolean parentAllowed = Preconditions.underLock(c, parentRow).allowConnections();
                boolean branchAllowed = Preconditions.underLock(c, branchRow).allowConnections();
                String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
                Operation op = Journal.begin(c, new Operation(0, Operation.Kind.REBUILD, ref.parent(), branch, TEMP + suffix,
                        PREV + suffix, parentAllowed, branchAllowed));
                try {
                    Failpoints.at("rebuild", "journaled");
                    MergeResult result = rebuild(s, c, ref, base, op, suffix, rebase, options);
                    LOG.info("{} \"{}\" onto \"{}\"", verb, branch, ref.parent());
                    return result;
                } catch (SQLException | RuntimeException e) {
                    undo(c, op, suffix, e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, verb + " of branch \"" + branch + "\"", address);
        }
    }

    private static MergeResult rebuild(Session s, Connection c, RefInfo ref, Optional<BaseStore.Base> oldBase, Operation op,
                                       String suffix, MergeOptions rebase, MergeOptions options) throws SQLException {
        OperationContext ctx = new OperationContext(c, s.server(), s.dataDirectory(), s.progress());
        BranchBackend backend = s.backends().choose(ref.backend(), ctx);
        String newBase = BaseStore.PREFIX + suffix;
        CopyReport baseCopy;
        Lsn lsn;
        long xid;
        Instant quiet;
        DriftSink drift = null;
        s.progress().step("locking \"" + ref.parent() + "\" to copy it");
        try (SourceLock parentLock = SourceLock.acquire(c, ref.parent(), op.sourceAllowed(), options.force(),
                s.config().terminateTimeout(), s.progress())) {
            backend.copy(ctx, ref.parent(), op.tempName());
            baseCopy = backend.copy(ctx, ref.parent(), newBase);
            lsn = Lsn.parse(Jdbc.string(c, "select pg_current_wal_lsn()::text"));
            xid = RefStore.nextXid(c);
            ClusterDatabases.allowConnections(c, newBase, false);
            Failpoints.at("rebuild", "parent copied twice, parent still closed");
            if (rebase != null) {
                // the parent is closed while its drift is read, so the drift is exactly the copy's
                List<Connection> read = HiddenDatabase.open(s, c, ref.parent(), 1);
                try {
                    drift = MergeRun.drift(s, c, oldBase.orElseThrow(), ref.name(), ref.parent(),
                            dev.foldout.internal.sql.ReadSnapshots.snapshot(dev.foldout.internal.sql.ReadSnapshots.prepared(read.get(0))));
                } finally {
                    HiddenDatabase.closeAll(read, new SQLException("closing"));
                }
            }
            sleep();
            quiet = Instant.now();
        }
        MergeResult result = null;
        s.progress().step("locking \"" + ref.name() + "\"");
        try (SourceLock branchLock = SourceLock.acquire(c, ref.name(), op.targetAllowed(), options.force(),
                s.config().terminateTimeout(), s.progress())) {
            if (rebase != null) {
                result = MergeRun.merge(s, c, new MergeRun.Target(ref.name(), op.tempName(), ref.parent(), true),
                        oldBase.orElseThrow(), rebase, drift);
                if (!result.applied()) {
                    Recovery.repairRebuild(c, op); // a dry run: the copies go, the branch stays as it is
                    Journal.finish(c, op.id());
                    return result;
                }
            }
            Failpoints.at("rebuild", "ready to swap, branch closed");
            s.releaseIdle(); // kept connections to the old base would stop its rename
            // the branch stays what it was (owner, grants, settings...), and its base is its owner's, whoever rebuilt it
            DatabaseProperties.read(c, ref.name()).applyTo(c, op.tempName(), ref.name());
            BaseCopy.giveTo(c, newBase, ClusterDatabases.find(c, ref.name()).orElseThrow().owner());
            long tempOid = ClusterDatabases.find(c, op.tempName()).orElseThrow().oid();
            long baseOid = ClusterDatabases.find(c, newBase).orElseThrow().oid();
            long parentOid = ClusterDatabases.find(c, ref.parent()).orElseThrow().oid();
            MergeBase base = new MergeBase(newBase, lsn, MergeBase.Layout.PARENT, baseCopy);
            ClusterDatabases.allowConnections(c, op.tempName(), false);
            s.progress().step("swapping in the new \"" + ref.name() + "\"");
            dev.foldout.internal.sql.Transactions.inTransaction(c, tx -> {
                ClusterDatabases.rename(tx, ref.name(), op.prevName());
                ClusterDatabases.rename(tx, op.tempName(), ref.name());
                if (oldBase.isPresent()) {
                    ClusterDatabases.rename(tx, oldBase.get().info().database(), newBase + OLD);
                }
                RefStore.rebuilt(tx, ref.name(), tempOid, lsn, quiet, parentOid);
                RefStore.branchXid(tx, ref.name(), xid);
                BaseStore.set(tx, ref.name(), base, baseOid, quiet);
            });
        }
        Failpoints.at("rebuild", "swapped");
        ClusterDatabases.dropIfExists(c, op.prevName(), true);
        Failpoints.at("rebuild", "previous branch dropped");
        ClusterDatabases.dropIfExists(c, newBase + OLD, true);
        Failpoints.at("rebuild", "old base dropped");
        Journal.finish(c, op.id());
        return result;
    }

    private static void sleep() {
        try {
            Thread.sleep(CopyOperation.QUIET_MARGIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FoldoutException("interrupted while rebuilding a branch", e);
        }
    }

    /** Undoes a failed rebuild that has not swapped: the copies go, connections are allowed as they were. */
    private static void undo(Connection c, Operation op, String suffix, Exception cause) {
        try {
            if (c.getAutoCommit()) {
                Recovery.repairRebuild(c, op);
                Journal.finish(c, op.id());
            }
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
