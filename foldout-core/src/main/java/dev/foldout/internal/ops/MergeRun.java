package dev.foldout.internal.ops;

import static dev.foldout.internal.sql.ReadSnapshots.prepared;
import static dev.foldout.internal.sql.ReadSnapshots.snapshot;

import dev.foldout.DiffOptions;
import dev.foldout.Locator;
import dev.foldout.MergeConflict;
import dev.foldout.MergeConflictException;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResult;
import dev.foldout.RefInfo;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.diff.DiffEngine;
import dev.foldout.internal.diff.DiffRequest;
import dev.foldout.internal.diff.locate.InstanceCut;
import dev.foldout.internal.merge.DriftSink;
import dev.foldout.internal.merge.MergeFailure;
import dev.foldout.internal.merge.RowMerger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One merge's reads and writes: the parent's drift (the diff from the base to the parent, counted and checked, never
 * applied), then the branch's own changes (the diff from the base to the branch) merged by a {@link RowMerger} in one
 * transaction on the parent, committed unless a conflict is left or it is a dry run.
 */
final class MergeRun {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MergeRun.class);

    private MergeRun() {
    }

    /** A merge of branch {@code ref} into its parent. */
    static MergeResult merge(Session s, Connection admin, RefInfo ref, BaseStore.Base base, MergeOptions options)
            throws SQLException {
        return merge(s, admin, new Target(ref.name(), ref.parent(), ref.parent(), false), base, options, null);
    }

    /**
     * Where a merge goes.
     *
     * @param branch       the branch whose changes since the base are merged
     * @param into         the database they are merged into: the parent, or (a rebase) a fresh copy of it
     * @param shown        the name results and conflicts give the target
     * @param branchClosed the branch is closed to sessions (a rebase holds it): opened as a hidden database
     */
    record Target(String branch, String into, String shown, boolean branchClosed) {
    }

    /**
     * The drift of {@code into}: what it changed since {@code base} (of branch {@code branch}), through {@code read}
     * (a snapshot of it).
     */
    static DriftSink drift(Session s, Connection admin, BaseStore.Base base, String branch, String into, Connection read)
            throws SQLException {
        List<Connection> bases = HiddenDatabase.open(s, admin, base.info().database(), 1);
        try {
            snapshot(prepared(bases.get(0)));
            return drift(s, admin, databaseSides(s, admin, new Target(branch, into, into, false), base), into, bases.get(0), read,
                    new ArrayList<>());
        } finally {
            HiddenDatabase.closeAll(bases, new SQLException("closing"));
        }
    }

    private static DriftSink drift(Session s, Connection admin, MergeSides sides, String into, Connection baseRead,
                                   Connection read, List<Connection> opened) throws SQLException {
        DriftSink drift = new DriftSink();
        s.progress().step("reading what \"" + into + "\" changed since the base");
        DiffEngine.run(request(s, admin, sides.baseName(), into, baseRead, read, sides.driftStart(),
                cut(sides.driftCut(), opened), sides.noBase()), drift);
        baseRead.commit();
        read.commit(); // its snapshot holds locks that the merge's schema statements would wait on
        return drift;
    }

    /** The sides of a database branch's merge: base, branch and target in the session's cluster. */
    static MergeSides databaseSides(Session s, Connection admin, Target t, BaseStore.Base base) throws SQLException {
        String baseName = base.info().database();
        boolean sharesParent = base.info().layout() == dev.foldout.MergeBase.Layout.PARENT;
        Optional<DiffRequest.Base> driftStart = sharesParent
                ? Optional.of(new DiffRequest.Base(base.info().lsn(), base.quiet())) : branchHistory(admin, t.branch());
        MergeSides.Opener branch = t.branchClosed()
                ? () -> prepared(HiddenDatabase.openOne(s, admin, t.branch()))
                : () -> s.borrow("diff:" + t.branch(), () -> prepared(s.connections().open(t.branch())));
        return new MergeSides(baseName,
                () -> s.borrow("merge-base:" + baseName, () -> prepared(HiddenDatabase.openOne(s, admin, baseName))),
                branch,
                () -> s.borrow("diff:" + t.into(), () -> prepared(s.connections().open(t.into()))),
                () -> s.connections().open(t.into()),
                Optional.of(new DiffRequest.Base(base.info().lsn(), base.quiet())), driftStart,
                "the merge base was copied from the branch at its last merge, and the branch's own start is not known");
    }

    /**
     * The branch point of a base copied from the branch at a merge: that copy and the parent both descend from the
     * parent's files at the branch's start, and what the copy holds beyond them the branch wrote since then, under
     * its own OID in the WAL (and with those LSNs on the copied pages). Empty when the branch's entry or database is
     * not there as recorded: then the drift is a full compare.
     */
    private static Optional<DiffRequest.Base> branchHistory(Connection admin, String branch) throws SQLException {
        Optional<RefInfo> ref = dev.foldout.internal.catalog.RefStore.find(admin, branch)
                .filter(r -> r.status() == dev.foldout.RefStatus.OK);
        Optional<ClusterDatabases.Row> db = ClusterDatabases.find(admin, branch);
        if (ref.isEmpty() || db.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DiffRequest.Base(ref.get().lsn(), ref.get().createdAt(), java.util.OptionalLong.empty(),
                java.util.OptionalLong.of(db.get().oid())));
    }

    /** Merges into {@code t.into()}; {@code known}: its drift when already read, else null. */
    static MergeResult merge(Session s, Connection admin, Target t, BaseStore.Base base, MergeOptions options,
                             DriftSink known) throws SQLException {
        return merge(s, admin, t, databaseSides(s, admin, t, base), options, known);
    }

    /** Merges into {@code t.into()} through {@code sides}; {@code known}: its drift when already read, else null. */
    static MergeResult merge(Session s, Connection admin, Target t, MergeSides sides, MergeOptions options,
                             DriftSink known) throws SQLException {
        long t0 = System.nanoTime();
        List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>()); // the drift adds from its thread
        DriftInParallel pending = null;
        try {
            // connections kept by the session between calls where they may be (a dry run, or the base: nobody else uses it)
            List<Connection> bases = new ArrayList<>();
            for (int i = 0; i < (known == null ? 3 : 2); i++) {
                bases.add(held(opened, sides.base().open()));
                snapshot(bases.get(i));
            }
            List<Connection> branches = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                branches.add(held(opened, sides.branch().open()));
            }
            Connection branchRead = snapshot(branches.get(0));
            Connection branchRows = snapshot(branches.get(1));
            long t1 = System.nanoTime();
            if (known == null) {
                // the parent's drift on its own connections (a third to the base, another to the catalog for the WAL)
                Connection parentRead = held(opened, snapshot(sides.intoRead().open()));
                Connection driftAdmin = held(opened, s.borrow("merge-drift", s::openOwner));
                Connection driftBase = bases.get(2);
                pending = new DriftInParallel(t.into(), () -> drift(s, driftAdmin, sides, t.into(), driftBase, parentRead,
                        opened));
            }
            DriftInParallel drifting = pending;
            long[] t2 = {System.nanoTime()};
            Connection parentWrite = held(opened, sides.intoWrite().open());
            parentWrite.setAutoCommit(false);
            dev.foldout.internal.sql.TextSettings.inTransaction(parentWrite);
            LateMerger late = new LateMerger(() -> {
                DriftSink drift = drifting == null ? known : drifting.get();
                t2[0] = System.nanoTime();
                return new RowMerger(new RowMerger.Connections(parentWrite, bases.get(1), branchRows), drift,
                        options::resolve, options.dryRun());
            });
            s.progress().step("merging what \"" + t.branch() + "\" changed since the base into \"" + t.shown() + "\"");
            try {
                DiffEngine.run(request(s, admin, t.shown(), t.branch(), bases.get(0), branchRead, sides.branchStart(),
                        cut(sides.branchCut(), opened), sides.noBase()), late);
            } catch (MergeFailure e) {
                settle(late);
                throw e.sqlCause();
            } catch (SQLException | RuntimeException e) {
                settle(late);
                throw e;
            }
            RowMerger merger = late.merger();
            long t3 = System.nanoTime();
            boolean commit = merger.unresolved() == 0 && !options.dryRun();
            if (commit) {
                try {
                    parentWrite.commit();
                } catch (SQLException e) {
                    merger.refusedAtCommit(e);
                    commit = false;
                }
            }
            if (!commit) {
                parentWrite.rollback();
            }
            LOG.debug("merge {} -> {}: connections {} ms, drift and the branch's plan (in parallel) {} ms, branch's changes "
                    + "merged {} ms, commit {} ms", t.branch(), t.shown(), (t1 - t0) / 1e6, (t2[0] - t1) / 1e6,
                    (t3 - t2[0]) / 1e6, (System.nanoTime() - t3) / 1e6);
            MergeResult result = merger.result(t.branch(), t.shown(), commit, Duration.ofNanos(System.nanoTime() - t0));
            if (merger.unresolved() > 0 && !options.dryRun()) {
                throw new MergeConflictException(refused(result, merger.firstUnresolved().orElseThrow()), result);
            }
            return result;
        } finally {
            if (pending != null) {
                pending.close(); // its connections are closed next
            }
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing: the transaction, if any, is rolled back by the server
                }
            }
        }
    }

    /** Lets a batch still merging on another thread finish before the merge's connections are rolled back and closed. */
    private static void settle(LateMerger late) {
        if (late.merger() != null) {
            late.merger().settle();
        }
    }

    private static Connection held(List<Connection> opened, Connection c) {
        opened.add(c);
        return c;
    }

    private static Optional<InstanceCut> cut(Optional<MergeSides.CutMaker> maker, List<Connection> opened)
            throws SQLException {
        return maker.isPresent() ? Optional.of(maker.get().make(opened)) : Optional.empty();
    }

    private static DiffRequest request(Session s, Connection admin, String applyTo, String reproduce, Connection from,
                                       Connection to, Optional<DiffRequest.Base> start, Optional<InstanceCut> cut,
                                       String noBase) {
        return new DiffRequest(applyTo, reproduce, from, to, admin, start, cut, s.dataDirectory(),
                s.server().majorVersion(), new DiffOptions(Locator.AUTO, false), noBase, s.quietBranches(), s.walBlocks());
    }

    /** The one-line message of a refused merge. */
    private static String refused(MergeResult r, MergeConflict first) {
        return "merge of \"" + r.branch() + "\" into \"" + r.parent() + "\" refused: " + r.unresolved() + " conflict"
                + (r.unresolved() == 1 ? "" : "s") + " (first: " + first.describe() + "); nothing was changed - settle them "
                + "with MergeOptions.withPrefer (CLI: --prefer parent|branch, or --prefer branch:TABLE), or change one side";
    }
}
