package dev.foldout.internal.ops;

import dev.foldout.Identifiers;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.sql.AdvisoryLocks;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs what a process that died half-way left behind, found in the journal by its dead owner session:
 * connections to the source are allowed again as they were, a half-made snapshot or branch is dropped, and a
 * half-done restore is rolled back (old database renamed back) or, if the swap had happened, finished.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final long REPAIR_LOCK = 0x466f6c6452L; // "FoldR"

    private Recovery() {
    }

    /** Repairs every orphaned operation; returns one line per repair. Runs before every operation. */
    public static List<String> repair(Session s, Connection c) throws SQLException {
        List<Operation> orphans = Journal.orphans(c);
        if (orphans.stream().allMatch(Operation::instanceKind)) {
            return List.of();
        }
        // a session holding the repair lock (another repair, or any role's session that took it) is waited for, boundedly:
        // repairs never silently do nothing
        AdvisoryLocks.acquire(c, REPAIR_LOCK, s.config().terminateTimeout(),
                "repairing what a dead Foldout process left waits for another repair");
        try {
            List<String> repaired = new java.util.ArrayList<>();
            for (Operation op : Journal.orphans(c)) {
                if (op.instanceKind()) {
                    continue; // storage and servers outside the database: the instance branches' recovery repairs them
                }
                Optional<String> author = Journal.author(c, op.id());
                if (author.isEmpty() || !actAs(c, author.get(), op)) {
                    continue;
                }
                boolean discarded = false;
                try {
                    s.progress().step("repairing an interrupted " + op.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " of \"" + op.source() + "\" to \"" + op.target() + "\"");
                    if (op.kind() == Operation.Kind.RESTORE) {
                        repairRestore(c, op);
                    } else if (op.kind() == Operation.Kind.MERGE) {
                        repairMerge(c, op);
                    } else if (op.kind() == Operation.Kind.REBUILD) {
                        repairRebuild(c, op);
                    } else {
                        repairCopy(c, op);
                    }
                } catch (SQLException e) {
                    if (!"42501".equals(e.getSQLState())) {
                        throw e;
                    }
                    // the role that wrote the row may not do what it names: nothing there was its to repair
                    discarded = true;
                    LOG.warn("dropped a journal entry naming an interrupted {} of \"{}\" to \"{}\": its author '{}' has no "
                            + "rights there ({})", op.kind(), op.source(), op.target(), author.get(), e.getMessage());
                } finally {
                    Jdbc.execute(c, "reset role");
                }
                Journal.finish(c, op.id());
                String kind = op.kind().name().toLowerCase(java.util.Locale.ROOT);
                repaired.add(discarded
                        ? "discarded a journal entry naming an interrupted " + kind + " of \"" + op.source() + "\" to \""
                                + op.target() + "\": its author '" + author.get() + "' has no rights there, so nothing was changed"
                        : "repaired an interrupted " + kind + " of \"" + op.source() + "\" to \"" + op.target()
                                + "\", left by a Foldout process that died");
            }
            return repaired;
        } finally {
            AdvisoryLocks.release(c, REPAIR_LOCK);
        }
    }

    /**
     * Takes on the rights of the role that wrote the journal row, so that a repair never does what that role could not
     * have done itself (a row written by a weak role cannot make a superuser's repair drop someone else's database).
     * Returns false, leaving the row for a session that may act as that role, when this one may not.
     */
    private static boolean actAs(Connection c, String author, Operation op) throws SQLException {
        try {
            Jdbc.execute(c, "set role " + Identifiers.quote(author));
            return true;
        } catch (SQLException e) {
            LOG.warn("an interrupted {} of \"{}\" was left by role '{}', and this session ('{}') cannot act as it: "
                    + Fixes.REPAIR + " run as '{}' or a superuser repairs it", op.kind(), op.source(), author,
                    Jdbc.string(c, "select current_user::text"), author);
            return false;
        }
    }

    private static void repairCopy(Connection c, Operation op) throws SQLException {
        reallow(c, op.source(), op.sourceAllowed());
        boolean recorded = RefStore.find(c, op.target()).isPresent();
        boolean claimed = !Journal.liveOwnersOf(c, op.target()).isEmpty();
        if (!recorded && !claimed && ClusterDatabases.exists(c, op.target())) {
            ClusterDatabases.dropIfExists(c, op.target(), true);
            LOG.warn("dropped \"{}\", left half-made by a Foldout process that died while copying \"{}\"", op.target(), op.source());
        }
        if (op.tempName() != null && op.tempName().startsWith(BaseStore.PREFIX) && !BaseStore.isBase(c, op.tempName()) && ClusterDatabases.exists(c, op.tempName())) {
            // a merge base that no entry got (a branch's, or the new one of a merge that died)
            ClusterDatabases.dropIfExists(c, op.tempName(), true);
            LOG.warn("dropped \"{}\", a merge base left half-made by a Foldout process that died", op.tempName());
        }
        LOG.warn("repaired an interrupted {} of \"{}\": connections are allowed again", op.kind(), op.source());
    }

    /**
     * A merge that died: connections to the branch are allowed again; when the catalog records the new base the merge
     * had committed and only the old base is left to drop, else the half-made new base is dropped (the old one stays
     * the base, and merging again brings nothing twice: what the parent already has is no change).
     */
    private static void repairMerge(Connection c, Operation op) throws SQLException {
        reallow(c, op.source(), op.sourceAllowed());
        String leftover = op.tempName() != null && BaseStore.isBase(c, op.tempName()) ? op.prevName() : op.tempName();
        if (leftover != null && leftover.startsWith(BaseStore.PREFIX) && !BaseStore.isBase(c, leftover)
                && ClusterDatabases.exists(c, leftover)) {
            ClusterDatabases.dropIfExists(c, leftover, true);
            LOG.warn("dropped merge base \"{}\", left by a Foldout process that died while merging \"{}\"", leftover, op.source());
        }
    }

    /**
     * A reset or rebase that died, or failed: the swap of the temporary copy and the branch ran in one transaction with
     * the catalog's update, so either it happened (the previous branch and the old base are dropped) or it did not (the
     * temporary copy and the new base are dropped). Connections are allowed again as they were.
     */
    static void repairRebuild(Connection c, Operation op) throws SQLException {
        if (op.tempName() == null || !op.tempName().startsWith(RebuildOperation.TEMP) || op.prevName() == null
                || !op.prevName().startsWith(RebuildOperation.PREV)) {
            return; // not a row Foldout wrote: it names nothing to drop
        }
        String suffix = op.tempName().substring(RebuildOperation.TEMP.length());
        String newBase = BaseStore.PREFIX + suffix;
        boolean swapped = BaseStore.isBase(c, newBase); // the catalog learnt the new base in the swap's transaction
        if (swapped) {
            ClusterDatabases.dropIfExists(c, op.prevName(), true);
            ClusterDatabases.dropIfExists(c, newBase + RebuildOperation.OLD, true);
        } else {
            ClusterDatabases.dropIfExists(c, op.tempName(), true);
            ClusterDatabases.dropIfExists(c, newBase, true);
        }
        reallow(c, op.target(), op.targetAllowed());
        reallow(c, op.source(), op.sourceAllowed());
    }

    private static void repairRestore(Connection c, Operation op) throws SQLException {
        boolean target = ClusterDatabases.exists(c, op.target());
        boolean prev = op.prevName() != null && ClusterDatabases.exists(c, op.prevName());
        if (!target && prev) {
            ClusterDatabases.rename(c, op.prevName(), op.target());
            LOG.warn("rolled back an interrupted restore of \"{}\": its previous state is back in place", op.target());
        } else if (target && prev) {
            ClusterDatabases.dropCopyIfExists(c, op.prevName());
            LOG.warn("finished an interrupted restore of \"{}\" from \"{}\"", op.target(), op.source());
        }
        if (op.tempName() != null) {
            ClusterDatabases.dropCopyIfExists(c, op.tempName());
        }
        java.util.Optional<ClusterDatabases.Row> now = ClusterDatabases.find(c, op.target());
        if (now.isPresent()) {
            RefStore.updateOid(c, op.target(), now.get().oid());
        }
        reallow(c, op.target(), op.targetAllowed());
        reallow(c, op.source(), op.sourceAllowed());
    }

    private static void reallow(Connection c, String database, Boolean allowed) throws SQLException {
        if (allowed != null && ClusterDatabases.exists(c, database)) {
            ClusterDatabases.allowConnections(c, database, allowed);
        }
    }
}
