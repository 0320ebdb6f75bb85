package dev.foldout.internal.ops;

import dev.foldout.CopyOptions;
import dev.foldout.FoldoutException;
import dev.foldout.NotFoundException;
import dev.foldout.PermissionDeniedException;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.internal.sql.Transactions;
import dev.foldout.spi.BranchBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a database back to a snapshot under its own name. The snapshot is copied to a temporary database
 * first; only then is the database locked, and the old and new databases swap names in one transaction;
 * the old one is dropped last. At every moment either the old or the new state is in place under the name.
 */
public final class RestoreOperation {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreOperation.class);

    private RestoreOperation() {
    }

    /** Restores {@code database} from {@code snapshot}. */
    public static void run(Session s, String database, String snapshot, CopyOptions options) {
        String what = "restoring \"" + database + "\" from snapshot \"" + snapshot + "\"";
        String address = s.connections().address();
        try (Connection c = s.openOwner()) {
            Recovery.repair(s, c);
            RefInfo ref = requireSnapshot(c, snapshot);
            requireSnapshotOf(ref, database, options);
            ClusterDatabases.Row snap = Preconditions.existingDatabase(c, snapshot, address);
            Optional<ClusterDatabases.Row> db = ClusterDatabases.find(c, database);
            if (db.isEmpty()) {
                throw new NotFoundException("database \"" + database + "\" does not exist on " + address
                        + " - to bring a dropped database back, branch the snapshot under that name");
            }
            Preconditions.existingDatabase(c, database, address);
            requireAuthorMayCopy(c, snapshot, ClusterDatabases.exists(c, ref.parent()) ? ref.parent() : database);
            Privileges.requireCreateDb(c);
            Privileges.requireOwner(c, snap);
            Privileges.requireOwner(c, db.get());
            if (RefStore.find(c, database).map(r -> r.kind() == RefKind.SNAPSHOT).orElse(false)) {
                throw new FoldoutException("\"" + database + "\" is a snapshot; snapshots are read-only and cannot be restored");
            }
            OperationContext ctx = new OperationContext(c, s.server(), s.dataDirectory(), s.progress());
            BranchBackend backend = s.backends().choose(options.backend().isEmpty() ? s.config().backend() : options.backend(), ctx);
            String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
            long first = Math.min(snap.oid(), db.get().oid());
            long second = Math.max(snap.oid(), db.get().oid());
            try (AdvisoryLock a = AdvisoryLock.acquire(c, first == snap.oid() ? snapshot : database, first, s.config().terminateTimeout());
                 AdvisoryLock b = AdvisoryLock.acquire(c, second == snap.oid() ? snapshot : database, second, s.config().terminateTimeout())) {
                boolean snapAllowed = Preconditions.underLock(c, snap).allowConnections();
                boolean dbAllowed = Preconditions.underLock(c, db.get()).allowConnections();
                Operation op = Journal.begin(c, new Operation(0, Operation.Kind.RESTORE, snapshot, database,
                        "foldout_tmp_" + suffix, "foldout_prev_" + suffix, snapAllowed, dbAllowed));
                try {
                    swap(s, c, ctx, backend, op, options, ref);
                } catch (SQLException | RuntimeException e) {
                    rollback(c, op, e);
                    throw e;
                }
            }
            LOG.info("restored \"{}\" from snapshot \"{}\"", database, snapshot);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, what, address);
        }
    }

    private static RefInfo requireSnapshot(Connection c, String snapshot) throws SQLException {
        Optional<RefInfo> ref = RefStore.find(c, snapshot);
        if (ref.isEmpty() || ref.get().kind() != RefKind.SNAPSHOT) {
            throw new NotFoundException("no snapshot named \"" + snapshot + "\" - " + Fixes.SNAPSHOTS + " shows the snapshots");
        }
        if (ref.get().status() == RefStatus.UNTRUSTED) {
            throw new PermissionDeniedException("snapshot \"" + snapshot + "\" is untrusted: " + RefStore.untrusted(c, snapshot)
                    .orElse("it is not the one Foldout made") + "; nothing was changed - make a snapshot you trust and restore that");
        }
        if (ref.get().status() != RefStatus.OK) {
            throw new FoldoutException("snapshot \"" + snapshot + "\" is " + ref.get().status()
                    + ": its database was dropped or replaced outside Foldout - delete it with " + Fixes.deleteSnapshot(snapshot));
        }
        return ref.get();
    }

    /**
     * A restore replaces the database it names with a copy of the snapshot: a snapshot of another database would put
     * that database's contents there (one typo destroys an unrelated database), so it needs the explicit option.
     */
    private static void requireSnapshotOf(RefInfo snapshot, String database, CopyOptions options) {
        if (!snapshot.parent().equals(database) && !options.fromOtherDatabase()) {
            throw new FoldoutException("snapshot \"" + snapshot.name() + "\" is of database \"" + snapshot.parent()
                    + "\", not of \"" + database + "\": restoring it would replace \"" + database + "\" with a copy of \""
                    + snapshot.parent() + "\"; nothing was changed - restore a snapshot of \"" + database
                    + "\" (" + Fixes.SNAPSHOTS + "), or run again with " + Fixes.FROM_OTHER_DATABASE + " if that is what you mean");
        }
    }

    /**
     * The snapshot's entry is evidence of a copy of {@code database} (its parent, or with the option the database it
     * replaces when the parent is gone) only if its author could have copied that database: otherwise a role could
     * record its own database as a snapshot of another's and have the owner (or a superuser) restore it there.
     */
    private static void requireAuthorMayCopy(Connection c, String snapshot, String database) throws SQLException {
        Optional<String> author = RefStore.author(c, snapshot);
        if (!RefStore.mayCopy(c, author.orElse(null), database)) {
            String owner = ClusterDatabases.find(c, database).map(ClusterDatabases.Row::owner).orElse("?");
            throw new PermissionDeniedException("snapshot \"" + snapshot + "\" is untrusted: its catalog entry was written by "
                    + author.map(a -> "role '" + a + "'").orElse("an unknown role") + ", who could not have copied database \""
                    + database + "\" (owner '" + owner + "'); nothing was changed - restore a snapshot its owner or a superuser made");
        }
    }

    private static void swap(Session s, Connection c, OperationContext ctx, BranchBackend backend, Operation op,
                             CopyOptions options, RefInfo ref) throws SQLException {
        try (SourceLock snapLock = SourceLock.acquire(c, op.source(), op.sourceAllowed(), false,
                s.config().terminateTimeout(), s.progress())) {
            backend.copy(ctx, op.source(), op.tempName());
        }
        s.progress().step("locking \"" + op.target() + "\"");
        try (SourceLock dbLock = SourceLock.acquire(c, op.target(), op.targetAllowed(), options.force(),
                s.config().terminateTimeout(), s.progress())) {
            s.progress().step("giving the restored \"" + op.target() + "\" its owner, grants and settings");
            DatabaseProperties.read(c, op.target()).applyTo(c, op.tempName(), op.target());
            s.progress().step("swapping in the restored \"" + op.target() + "\"");
            ClusterDatabases.allowConnections(c, op.tempName(), false);
            Transactions.inTransaction(c, tx -> {
                ClusterDatabases.rename(tx, op.target(), op.prevName());
                ClusterDatabases.rename(tx, op.tempName(), op.target());
            });
        }
        s.progress().step("dropping the previous state of \"" + op.target() + "\"");
        ClusterDatabases.dropCopyIfExists(c, op.prevName());
        long oid = ClusterDatabases.find(c, op.target()).orElseThrow().oid();
        Transactions.inTransaction(c, tx -> {
            RefStore.updateOid(tx, op.target(), oid);
            Journal.finish(tx, op.id());
        });
    }

    private static void rollback(Connection c, Operation op, Exception cause) {
        try {
            boolean target = ClusterDatabases.exists(c, op.target());
            boolean prev = ClusterDatabases.exists(c, op.prevName());
            if (!target && prev) {
                ClusterDatabases.rename(c, op.prevName(), op.target());
            } else if (target && prev) {
                ClusterDatabases.dropCopyIfExists(c, op.prevName());
            }
            ClusterDatabases.dropCopyIfExists(c, op.tempName());
            if (ClusterDatabases.exists(c, op.target()) && Boolean.TRUE.equals(op.targetAllowed())) {
                ClusterDatabases.allowConnections(c, op.target(), true);
            }
            Journal.finish(c, op.id());
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
