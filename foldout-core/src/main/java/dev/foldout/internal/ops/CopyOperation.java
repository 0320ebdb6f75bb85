package dev.foldout.internal.ops;

import dev.foldout.CopyOptions;
import dev.foldout.CopyReport;
import dev.foldout.Lsn;
import dev.foldout.MergeBase;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.internal.sql.Transactions;
import dev.foldout.spi.BranchBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a snapshot or a branch: journal first, then lock the source, copy, record the LSN, allow connections
 * again, and record the entry and close the journal in one transaction. A failure drops the half-made copy;
 * a process that dies half-way is repaired by {@link Recovery} on the next call.
 */
public final class CopyOperation {
    private static final Logger LOG = LoggerFactory.getLogger(CopyOperation.class);
    /** Several ticks of the kernel's coarse clock (4 ms at 250 Hz, 10 ms at 100 Hz), which stamps file times. */
    public static final java.time.Duration QUIET_MARGIN = java.time.Duration.ofMillis(25);

    private CopyOperation() {
    }

    /** Copies database {@code source} into a new {@code kind} named {@code target}. */
    public static RefInfo run(Session s, RefKind kind, String source, String target, CopyOptions options) {
        String noun = kind.name().toLowerCase(Locale.ROOT);
        String what = "creating " + noun + " \"" + target + "\" of \"" + source + "\"";
        try (Connection c = s.openOwner()) {
            Recovery.repair(s, c);
            ClusterDatabases.Row src = Preconditions.existingDatabase(c, source, s.connections().address());
            Preconditions.freeName(c, noun, target, s.connections().address());
            Privileges.requireCreateDb(c);
            Privileges.requireOwner(c, src);
            OperationContext ctx = new OperationContext(c, s.server(), s.dataDirectory(), s.progress());
            BranchBackend backend = s.backends().choose(options.backend().isEmpty() ? s.config().backend() : options.backend(), ctx);
            s.progress().step("locking \"" + source + "\"");
            try (AdvisoryLock ignored = AdvisoryLock.acquire(c, source, src.oid(), s.config().terminateTimeout())) {
                boolean allowed = Preconditions.underLock(c, src).allowConnections();
                String baseName = BaseCopy.wanted(c, kind, source, backend, options) ? BaseCopy.newName() : null;
                Operation op = Journal.begin(c, new Operation(0, kind == RefKind.SNAPSHOT ? Operation.Kind.SNAPSHOT
                        : Operation.Kind.BRANCH, source, target, baseName, null, allowed, null));
                boolean[] created = {false};
                try {
                    RefInfo ref = copyLocked(s, c, ctx, backend, op, kind, options, created, src.oid());
                    LOG.info("{} \"{}\" of \"{}\": {}", noun, target, source, ref.copy().describe());
                    if (kind == RefKind.BRANCH) {
                        s.rewinds().born(target, ref.lsn()); // equal to its source there, and only its users write it
                    }
                    return ref;
                } catch (SQLException | RuntimeException e) {
                    undo(c, op, created[0], e);
                    BaseCopy.dropQuietly(c, op.tempName(), e);
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, what, s.connections().address());
        }
    }

    private static RefInfo copyLocked(Session s, Connection c, OperationContext ctx, BranchBackend backend, Operation op,
                                      RefKind kind, CopyOptions options, boolean[] created, long sourceOid) throws SQLException {
        CopyReport report;
        CopyReport baseReport = null;
        Lsn lsn;
        long xid;
        Instant quiet;
        try (SourceLock lock = SourceLock.acquire(c, op.source(), op.sourceAllowed(), options.force(),
                s.config().terminateTimeout(), s.progress())) {
            OperationContext.Timed<CopyReport> copied = ctx.timed(() -> backend.copy(ctx, op.source(), op.target()));
            report = copied.result();
            created[0] = true;
            long written = copied.nanos();
            if (op.tempName() != null) {
                // the merge base: the same state, copied in the same lock, closed to every session
                OperationContext.Timed<CopyReport> base = ctx.timed(() -> backend.copy(ctx, op.source(), op.tempName()));
                baseReport = base.result();
                written = base.nanos();
                ClusterDatabases.allowConnections(c, op.tempName(), false);
            }
            // after CREATE DATABASE returns: a WAL_LOG copy stamps every page, so only now is the LSN a valid base
            lsn = Lsn.parse(Jdbc.string(c, "select pg_current_wal_lsn()::text"));
            xid = RefStore.nextXid(c);
            if (kind == RefKind.SNAPSHOT) {
                ClusterDatabases.allowConnections(c, op.target(), false);
            }
            quiet = settle(written);
        }
        long oid = ClusterDatabases.find(c, op.target()).orElseThrow(() -> new SQLException(
                "database \"" + op.target() + "\" vanished right after it was made")).oid();
        Optional<MergeBase> base = Optional.empty();
        long baseOid = 0;
        if (op.tempName() != null) {
            base = Optional.of(new MergeBase(op.tempName(), lsn, MergeBase.Layout.PARENT, baseReport));
            baseOid = ClusterDatabases.find(c, op.tempName()).orElseThrow(() -> new SQLException(
                    "database \"" + op.tempName() + "\" vanished right after it was made")).oid();
        }
        RefInfo ref = new RefInfo(op.target(), kind, op.source(), backend.name(), lsn, quiet, options.message(),
                RefStatus.OK, report, base);
        long recordedBaseOid = baseOid;
        Transactions.inTransaction(c, tx -> {
            RefStore.insert(tx, ref, oid, sourceOid);
            RefStore.branchXid(tx, ref.name(), xid);
            if (ref.base().isPresent()) {
                BaseStore.set(tx, ref.name(), ref.base().get(), recordedBaseOid, quiet);
            }
            Journal.finish(tx, op.id());
        });
        return ref;
    }

    /**
     * Waits, while the source is still closed to sessions, until {@link #QUIET_MARGIN} has passed since the copies'
     * files were all {@code written} ({@link System#nanoTime()}), and returns the moment after it: the entry's time.
     * Any file of either database written after that moment has a later modification time (the kernel stamps files
     * from a clock that ticks every few milliseconds), so the diff's page scan may skip the files last modified before
     * it. What ran since the copies (a backend's check of the copy's extents, the LSN) counts toward the wait.
     */
    private static Instant settle(long written) {
        long left = QUIET_MARGIN.toNanos() - (System.nanoTime() - written);
        if (left > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Instant.now();
    }

    private static void undo(Connection c, Operation op, boolean created, Exception cause) {
        try {
            if (c.getAutoCommit()) {
                if (created) {
                    ClusterDatabases.dropIfExists(c, op.target(), true);
                }
                Journal.finish(c, op.id());
            }
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
