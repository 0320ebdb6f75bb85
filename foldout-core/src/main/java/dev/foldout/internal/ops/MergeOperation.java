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
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.internal.sql.Transactions;
import dev.foldout.spi.BranchBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges a branch into its parent. Under the branch's advisory lock: the branch is closed to sessions for the moment
 * its new base is copied (skipped by a dry run), then {@link MergeRun} merges the branch's changes since the old base
 * in one transaction on the parent; when that commits the catalog records the new base and the old one is dropped. A
 * refused or failed merge drops the new base and changes nothing; a process that dies is repaired by
 * {@link Recovery} (merging again after a commit whose base was not recorded brings nothing twice).
 */
public final class MergeOperation {
    private static final Logger LOG = LoggerFactory.getLogger(MergeOperation.class);

    private MergeOperation() {
    }

    /** A new base copied from the branch, and the journal entry that covers it. */
    private record NewBase(Operation op, MergeBase base, long oid, Instant quiet) {
    }

    /** Merges branch {@code branch} into its parent. */
    public static MergeResult run(Session s, String branch, MergeOptions options) {
        String address = s.connections().address();
        // a dry run locks nothing: it may use the session's kept connections, which an operation's own would close
        long t0 = System.nanoTime();
        try (Connection c = options.dryRun() ? s.borrow("catalog", s::openOwner) : s.openOwner()) {
            long t1 = System.nanoTime();
            Recovery.repair(s, c);
            long t2 = System.nanoTime();
            RefInfo ref = RefStore.find(c, branch).filter(r -> r.kind() == RefKind.BRANCH).orElseThrow(() ->
                    new NotFoundException("no branch named \"" + branch + "\" - " + Fixes.BRANCHES + " shows them"));
            if (!BaseCopy.DATABASE_BACKENDS.contains(ref.backend())) {
                return InstanceMergeOperation.run(s, ref, options);
            }
            if (ref.status() != RefStatus.OK) {
                throw new NotFoundException("branch \"" + branch + "\" is in the catalog but its database is "
                        + (ref.status() == RefStatus.MISSING ? "gone" : "another one now") + ": nothing to merge");
            }
            BaseStore.Base base = BaseStore.find(c, branch).orElseThrow(() -> noBase(c, branch));
            ClusterDatabases.Row parentRow = Preconditions.existingDatabase(c, ref.parent(), address);
            ClusterDatabases.Row branchRow = Preconditions.existingDatabase(c, branch, address);
            Privileges.requireOwner(c, parentRow);
            Privileges.requireOwner(c, branchRow);
            long t3 = System.nanoTime();
            try (AdvisoryLock ignored = AdvisoryLock.acquire(c, branch, branchRow.oid(), s.config().terminateTimeout())) {
                LOG.debug("merge {}: catalog connection {} ms, repair {} ms, entries and rights {} ms, lock {} ms", branch,
                        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (System.nanoTime() - t3) / 1e6);
                NewBase next = options.dryRun() ? null : copyBase(s, c, ref, base, branchRow, options);
                MergeResult result;
                try {
                    result = MergeRun.merge(s, c, ref, base, options);
                } catch (SQLException | RuntimeException e) {
                    if (next != null) {
                        BaseCopy.dropQuietly(c, next.base().database(), e);
                        finishQuietly(c, next.op(), e);
                    }
                    throw e;
                }
                if (next != null) {
                    moveBase(s, c, branch, base, next);
                }
                LOG.info("merged \"{}\" into \"{}\": {} rows, {} schema statements{}", branch, ref.parent(),
                        result.rowsChanged(), result.schema().size(), options.dryRun() ? " (dry run)" : "");
                return result;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "merging branch \"" + branch + "\"", address);
        }
    }

    private static FoldoutException noBase(Connection c, String branch) {
        try {
            if (BaseStore.recordedName(c, branch).isPresent()) {
                return new NotFoundException("the merge base of branch \"" + branch + "\" is gone or was replaced by another "
                        + "database: it cannot be merged three-way - " + Fixes.diff(branch) + " shows the two-way diff");
            }
        } catch (SQLException e) {
            return new FoldoutException("could not read the catalog entry of branch \"" + branch + "\": " + e.getMessage(), e);
        }
        return new NotSupportedException("branch \"" + branch + "\" has no merge base (made with " + Fixes.NO_BASE + ", from a snapshot, "
                + "or by an earlier Foldout): " + Fixes.diff(branch) + " and " + Fixes.APPLY + " make the parent equal to it instead");
    }

    /** Copies the branch, closed to sessions for the copy, into a new hidden base; journaled. */
    private static NewBase copyBase(Session s, Connection c, RefInfo ref, BaseStore.Base old, ClusterDatabases.Row branchRow,
                                    MergeOptions options) throws SQLException {
        boolean allowed = Preconditions.underLock(c, branchRow).allowConnections();
        String name = BaseCopy.newName();
        Operation op = Journal.begin(c, new Operation(0, Operation.Kind.MERGE, ref.name(), ref.parent(), name,
                old.info().database(), allowed, null));
        Failpoints.at("merge", "journaled");
        boolean created = false;
        try {
            OperationContext ctx = new OperationContext(c, s.server(), s.dataDirectory(), s.progress());
            BranchBackend backend = s.backends().choose(ref.backend(), ctx);
            CopyReport report;
            Lsn lsn;
            Instant quiet;
            s.progress().step("closing \"" + ref.name() + "\" to copy its new merge base");
            try (SourceLock lock = SourceLock.acquire(c, ref.name(), allowed, options.force(), s.config().terminateTimeout(),
                    s.progress())) {
                report = backend.copy(ctx, ref.name(), name);
                created = true;
                Failpoints.at("merge", "new base copied, branch still closed");
                lsn = Lsn.parse(Jdbc.string(c, "select pg_current_wal_lsn()::text"));
                ClusterDatabases.allowConnections(c, name, false);
                Thread.sleep(CopyOperation.QUIET_MARGIN.toMillis());
                quiet = Instant.now();
            }
            BaseCopy.giveTo(c, name, branchRow.owner()); // the branch owner's, whoever merged
            long oid = ClusterDatabases.find(c, name).orElseThrow(() -> new SQLException("database \"" + name
                    + "\" vanished right after it was made")).oid();
            return new NewBase(op, new MergeBase(name, lsn, MergeBase.Layout.BRANCH, report), oid, quiet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            FoldoutException f = new FoldoutException("interrupted while copying the merge base of \"" + ref.name() + "\"", e);
            BaseCopy.dropQuietly(c, name, f);
            finishQuietly(c, op, f);
            throw f;
        } catch (SQLException | RuntimeException e) {
            if (created) {
                BaseCopy.dropQuietly(c, name, e);
            }
            finishQuietly(c, op, e);
            throw e;
        }
    }

    /** Records the new base, drops the old one, and closes the journal entry, in that order (see {@link Recovery}). */
    private static void moveBase(Session s, Connection c, String branch, BaseStore.Base old, NewBase next) throws SQLException {
        s.releaseIdle(); // kept connections to the old base: it is dropped
        Failpoints.at("merge", "parent committed");
        Transactions.inTransaction(c, tx -> BaseStore.set(tx, branch, next.base(), next.oid(), next.quiet()));
        Failpoints.at("merge", "new base recorded");
        ClusterDatabases.dropIfExists(c, old.info().database(), true);
        Failpoints.at("merge", "old base dropped");
        Journal.finish(c, next.op().id());
    }

    private static void finishQuietly(Connection c, Operation op, Exception cause) {
        try {
            if (c.getAutoCommit()) {
                Journal.finish(c, op.id());
            }
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
