package dev.foldout.internal.rewind;

import dev.foldout.Lsn;
import dev.foldout.internal.Session;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.TextSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a branch this session made equal to its parent again, in place: the WAL since the branch last equalled its
 * parent names the blocks that were written; on each, a tuple that is not the one the block held then is deleted, and
 * a tuple the block held then that is gone is copied back from the parent - in one transaction with triggers off, so
 * that what a test wrote is undone in milliseconds whatever the database's size. Sequences the WAL names are set
 * back. A write to anything else - a catalog (the schema, statistics, a TRUNCATE), a relation made since - and more
 * rows than asked for are not undone: the caller makes a fresh copy instead.
 */
public final class Rewind {
    private static final Logger LOG = LoggerFactory.getLogger(Rewind.class);

    /** How a rewind ended. */
    public enum Outcome {
        /** The branch equals its parent again. */
        DONE,
        /** Nothing was changed, and the branch cannot be rewound from now on: make a fresh copy. */
        NOT_DONE,
        /** Not for this branch (not made by this session, or a parent or role a rewind cannot serve): nothing was changed. */
        UNAVAILABLE
    }

    /** The branch to rewind, its parent, and their database OIDs; {@code born} is the branch's LSN in the catalog. */
    public record Target(String branch, long branchOid, String parent, long parentOid, Lsn born) {
    }

    private Rewind() {
    }

    /**
     * Rewinds {@code t} when at most {@code maxRows} rows changed, through {@code kept} (an open session on the branch,
     * left open) or, when null, a connection of its own. No other session may be on the branch (the caller checks).
     */
    public static Outcome run(Session s, Target t, long maxRows, Connection kept) {
        Rewinds rewinds = s.rewinds();
        RewindState state = rewinds.state(t.branch(), t.born());
        if (state == null) {
            return Outcome.UNAVAILABLE;
        }
        synchronized (state) {
            try {
                String refused = refused(s, rewinds);
                if (!refused.isEmpty()) {
                    LOG.debug("branch {} is not rewound in place: {}", t.branch(), refused);
                    return Outcome.UNAVAILABLE;
                }
                ParentLayout layout = rewinds.layout(t.parentOid(), () -> {
                    try (Connection p = ParentSessions.borrow(s, t.parent())) {
                        return ParentLayout.read(p);
                    }
                });
                if (!layout.unsupported.isEmpty()) {
                    LOG.debug("branch {} is not rewound in place: {}", t.branch(), layout.unsupported);
                    return Outcome.UNAVAILABLE;
                }
                Outcome o = rewind(s, t, layout, state, maxRows, kept);
                if (o != Outcome.DONE) {
                    rewinds.forget(t.branch());
                }
                return o;
            } catch (SQLException | ChangedBlocks.Gone | RuntimeException e) {
                // the rewind's transaction rolled back: the branch is as the test left it, and a fresh copy replaces it
                rewinds.forget(t.branch());
                LOG.info("branch {} was not rewound in place: {}", t.branch(), e.getMessage());
                return Outcome.NOT_DONE;
            }
        }
    }

    /** Why this session cannot rewind: empty when it can (a superuser on PostgreSQL 16+ with pg_walinspect). */
    private static String refused(Session s, Rewinds rewinds) {
        String known = rewinds.refused;
        if (known == null) {
            known = s.read("checking what a rewind needs", c -> {
                if (s.server().versionNumber() < 160000) {
                    return "PostgreSQL 16 or later reads the WAL's blocks";
                }
                if (!Jdbc.queryOne(c, "select rolsuper from pg_roles where rolname = current_user", rs -> rs.getBoolean(1))
                        .orElse(false)) {
                    return "only a superuser undoes rows with triggers off";
                }
                try {
                    Jdbc.execute(c, "create extension if not exists pg_walinspect");
                } catch (SQLException e) {
                    return "pg_walinspect cannot be installed in the catalog database: " + e.getMessage();
                }
                return "";
            });
            rewinds.refused = known;
        }
        return known;
    }

    private static Outcome rewind(Session s, Target t, ParentLayout layout, RewindState state, long maxRows,
                                  Connection kept) throws SQLException, ChangedBlocks.Gone {
        Lsn end = s.read("reading the WAL position", ChangedBlocks::end);
        Map<Long, SortedSet<Long>> changed;
        try {
            changed = s.read("reading the WAL", c -> {
                try {
                    return ChangedBlocks.read(c, t.branchOid(), state.since, end);
                } catch (ChangedBlocks.Gone g) {
                    throw new GoneSignal(g);
                }
            });
        } catch (GoneSignal g) {
            throw g.gone;
        }
        Map<Long, SortedSet<Long>> tables = new LinkedHashMap<>();
        List<ParentLayout.Sequence> sequences = new ArrayList<>();
        long blocks = 0;
        for (Map.Entry<Long, SortedSet<Long>> e : changed.entrySet()) {
            if (layout.tables.containsKey(e.getKey())) {
                tables.put(e.getKey(), e.getValue());
                blocks += e.getValue().size();
            } else if (layout.sequences.containsKey(e.getKey())) {
                sequences.add(layout.sequences.get(e.getKey()));
            } else if (!layout.followers.contains(e.getKey())) {
                LOG.debug("branch {}: file node {} was written, not a table of its parent's (the schema or statistics "
                        + "changed)", t.branch(), e.getKey());
                return Outcome.NOT_DONE;
            }
        }
        if (blocks > 2 * maxRows + 64) {
            return Outcome.NOT_DONE;
        }
        Connection[] parent = {null};
        ParentLayout.ParentConnection parentConnection = () -> {
            if (parent[0] == null) {
                parent[0] = ParentSessions.borrow(s, t.parent());
            }
            return parent[0];
        };
        Connection own = kept == null ? s.connections().open(t.branch()) : null;
        try {
            Connection b = kept == null ? own : kept;
            Undo undo = new Undo();
            for (Map.Entry<Long, SortedSet<Long>> e : tables.entrySet()) {
                compare(b, layout, state, e.getKey(), e.getValue(), parentConnection, undo);
            }
            if (undo.rows() > maxRows) {
                return Outcome.NOT_DONE;
            }
            Map<ParentLayout.Sequence, String[]> setBack = new LinkedHashMap<>();
            for (ParentLayout.Sequence seq : sequences) {
                String[] want = layout.position(seq, parentConnection);
                if (!java.util.Arrays.equals(Sequences.position(b, seq), want)) {
                    setBack.put(seq, want);
                }
            }
            if (undo.rows() == 0 && setBack.isEmpty()) {
                state.since = end;
                return Outcome.DONE;
            }
            Lsn[] after = {null};
            Map<Long, List<RestoredRows.Landed>> landed = write(b, kept != null, layout, undo, setBack, parentConnection,
                    after);
            record(layout, state, undo, landed, parentConnection);
            state.since = after[0];
            LOG.debug("branch {} rewound: {} rows, {} sequences", t.branch(), undo.rows(), setBack.size());
            return Outcome.DONE;
        } finally {
            if (own != null) {
                own.close();
            }
            if (parent[0] != null) {
                parent[0].close(); // handed back, kept for the next rewind
            }
        }
    }

    /** What a rewind undoes, per table file node: the tuples to delete and the parent's tuples to copy back. */
    private static final class Undo {
        final Map<Long, List<Long>> delete = new LinkedHashMap<>();
        final Map<Long, List<Long>> restore = new LinkedHashMap<>();
        /** Per file node and block: the block's tuples once the rewind is done, but for those copied back. */
        final Map<Long, Map<Long, Map<Integer, RewindState.Line>>> kept = new HashMap<>();

        long rows() {
            return delete.values().stream().mapToLong(List::size).sum() + restore.values().stream().mapToLong(List::size).sum();
        }
    }

    /** Compares the written blocks of one table with what they held when the branch last equalled its parent. */
    private static void compare(Connection b, ParentLayout layout, RewindState state, long node, SortedSet<Long> blocks,
                                ParentLayout.ParentConnection parent, Undo undo) throws SQLException {
        ParentLayout.Table table = layout.tables.get(node);
        Map<Long, Map<Integer, Long>> now = BlockLines.read(b, table.relation(), blocks);
        SortedSet<Long> pristine = new TreeSet<>();
        for (long block : blocks) {
            if (state.known(node, block) == null) {
                pristine.add(block);
            }
        }
        Map<Long, Map<Integer, Long>> fromParent = pristine.isEmpty() ? Map.of() : layout.lines(node, table, pristine, parent);
        for (long block : blocks) {
            Map<Integer, RewindState.Line> then = state.known(node, block);
            if (then == null) {
                then = asParents(block, fromParent.get(block));
            }
            Map<Integer, Long> current = now.get(block);
            Map<Integer, RewindState.Line> kept = new HashMap<>();
            for (Map.Entry<Integer, RewindState.Line> line : then.entrySet()) {
                Long xmin = current.get(line.getKey());
                if (xmin != null && xmin == line.getValue().xmin()) {
                    kept.put(line.getKey(), line.getValue());
                } else {
                    undo.restore.computeIfAbsent(node, k -> new ArrayList<>()).add(line.getValue().parentTid());
                }
            }
            for (Map.Entry<Integer, Long> line : current.entrySet()) {
                RewindState.Line was = then.get(line.getKey());
                if (was == null || was.xmin() != line.getValue()) {
                    undo.delete.computeIfAbsent(node, k -> new ArrayList<>()).add(Tids.of(block, line.getKey()));
                }
            }
            undo.kept.computeIfAbsent(node, k -> new HashMap<>()).put(block, kept);
        }
    }

    private static Map<Integer, RewindState.Line> asParents(long block, Map<Integer, Long> parentLines) {
        Map<Integer, RewindState.Line> out = new HashMap<>();
        for (Map.Entry<Integer, Long> e : parentLines.entrySet()) {
            out.put(e.getKey(), new RewindState.Line(e.getValue(), Tids.of(block, e.getKey())));
        }
        return out;
    }

    /**
     * Deletes, copies back and sets back in one transaction with triggers off; returns where copied rows landed, and sets
     * {@code after} to a WAL position past the transaction's writes.
     */
    private static Map<Long, List<RestoredRows.Landed>> write(Connection b, boolean kept, ParentLayout layout, Undo undo,
                                                            Map<ParentLayout.Sequence, String[]> setBack,
                                                            ParentLayout.ParentConnection parent, Lsn[] after)
            throws SQLException {
        Map<Long, List<RestoredRows.Landed>> landed = new HashMap<>();
        b.setAutoCommit(false);
        try {
            // the types of copied values are named as the parent printed them, with only pg_catalog on the search path;
            // a harness's undo need not wait for the disk: a server crash ends its run, and the next drops its branches
            Jdbc.execute(b, "set local session_replication_role = replica; set local search_path = pg_catalog; "
                    + (kept ? "set local synchronous_commit = off; " : "") + TextSettings.localSql());
            for (Map.Entry<Long, List<Long>> e : undo.delete.entrySet()) {
                RestoredRows.delete(b, layout.tables.get(e.getKey()), e.getValue());
            }
            for (Map.Entry<Long, List<Long>> e : undo.restore.entrySet()) {
                ParentLayout.Table table = layout.tables.get(e.getKey());
                landed.put(e.getKey(), RestoredRows.restore(b, table, e.getValue(),
                        layout.values(e.getKey(), table, e.getValue(), parent)));
            }
            for (Map.Entry<ParentLayout.Sequence, String[]> e : setBack.entrySet()) {
                Sequences.set(b, e.getKey(), e.getValue());
            }
            // every record this transaction wrote into the branch lies before: its commit record names no block
            after[0] = Lsn.parse(Jdbc.string(b, "select pg_current_wal_insert_lsn()::text"));
            b.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                b.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        b.setAutoCommit(true);
        return landed;
    }

    /** Records each written block's tuples as they are now, the copied-back rows with the parent's places they copy. */
    private static void record(ParentLayout layout, RewindState state, Undo undo,
                               Map<Long, List<RestoredRows.Landed>> landed, ParentLayout.ParentConnection parent)
            throws SQLException {
        for (Map.Entry<Long, Map<Long, Map<Integer, RewindState.Line>>> rel : undo.kept.entrySet()) {
            for (Map.Entry<Long, Map<Integer, RewindState.Line>> block : rel.getValue().entrySet()) {
                state.put(rel.getKey(), block.getKey(), block.getValue());
            }
        }
        for (Map.Entry<Long, List<RestoredRows.Landed>> rel : landed.entrySet()) {
            long node = rel.getKey();
            SortedSet<Long> pristine = new TreeSet<>();
            for (RestoredRows.Landed l : rel.getValue()) {
                if (state.known(node, Tids.block(l.tid())) == null) {
                    pristine.add(Tids.block(l.tid()));
                }
            }
            if (!pristine.isEmpty()) { // a block first written by the rewind holds its parent's tuples beside the copies
                Map<Long, Map<Integer, Long>> fromParent = layout.lines(node, layout.tables.get(node), pristine, parent);
                for (long block : pristine) {
                    state.put(node, block, asParents(block, fromParent.get(block)));
                }
            }
            for (RestoredRows.Landed l : rel.getValue()) {
                state.known(node, Tids.block(l.tid())).put(Tids.offset(l.tid()), new RewindState.Line(l.xmin(), l.parentTid()));
            }
        }
    }

    /** Carries {@link ChangedBlocks.Gone} through a session read, which takes only SQL exceptions. */
    private static final class GoneSignal extends RuntimeException {
        final transient ChangedBlocks.Gone gone;

        GoneSignal(ChangedBlocks.Gone gone) {
            super(gone.getMessage(), null, false, false);
            this.gone = gone;
        }
    }
}
