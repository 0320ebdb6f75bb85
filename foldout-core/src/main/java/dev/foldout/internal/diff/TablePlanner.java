package dev.foldout.internal.diff;

import dev.foldout.internal.diff.locate.Located;
import dev.foldout.internal.diff.rows.BlockSet;
import dev.foldout.internal.diff.rows.Column;
import dev.foldout.internal.diff.rows.ColumnPair;
import dev.foldout.internal.diff.rows.Leaf;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.rows.TableShape;
import dev.foldout.internal.diff.schema.ColumnMapping;
import dev.foldout.internal.diff.schema.TableMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, table by table, what the row diff reads: the located blocks of each leaf whose file is the one both
 * sides shared at the branch, and every block of the others (unlogged, rewritten, new, or unrelated sides), and
 * says which locator served the table.
 */
final class TablePlanner {
    /** A leaf of at least this many blocks is read in full when more than 1 in {@link #DENSE_SHARE} of them changed. */
    static final long DENSE_MIN_BLOCKS = 1_024;
    static final int DENSE_SHARE = 4;

    private TablePlanner() {
    }

    /**
     * The leaves of a table pair that a locator may serve: same leaf on both sides, same file, WAL-logged. Across two
     * clusters ({@code twoClusters}: an instance branch) the same file is the same path too: the database keeps its
     * OID in the copy, so a path differs only where a relation moved (another tablespace) or was rewritten.
     */
    static List<Leaf[]> locatable(TableShape from, TableShape to, boolean twoClusters) {
        List<Leaf[]> out = new ArrayList<>();
        if (from == null) {
            return out;
        }
        for (Leaf t : to.leaves()) {
            from.leaf(t.oid()).filter(f -> f.relfilenode() == t.relfilenode() && !f.unlogged() && !t.unlogged()
                            && (!twoClusters || f.filePath().equals(t.filePath())))
                    .ifPresent(f -> out.add(new Leaf[] {f, t}));
        }
        return out;
    }

    /**
     * The plan of one table. {@code located} is null when no locator ran ({@code why} says why): every block is
     * read. {@code twoClusters}: the sides are an instance branch and its parent.
     */
    static TablePlan plan(TableMapping mapping, TableShape from, TableShape to, Located located, String why,
                          boolean twoClusters) {
        if (mapping.catalogOnly() && located != null) {
            located = null;
            why = "rows hold fast-default values (attmissingval) that the other side does not hold alike";
        }
        List<ColumnPair> columns = new ArrayList<>();
        Map<String, String> fromNames = new HashMap<>();
        Map<String, String> carried = new HashMap<>();
        for (ColumnMapping m : mapping.columns()) {
            fromNames.put(m.toName(), m.fromName());
            if (m.carried() != null) {
                carried.put(m.toName(), m.carried());
            }
        }
        for (Column c : to.columns()) {
            if (!c.generated()) {
                String fromName = from == null ? null : fromNames.get(c.name());
                boolean usable = fromName != null && from.column(fromName).filter(fc -> !fc.generated()).isPresent();
                columns.add(new ColumnPair(c, usable ? fromName : null, from == null ? null : carried.get(c.name())));
            }
        }
        List<String> key = to.key();
        if (from != null && key.stream().anyMatch(k -> fromNames.get(k) == null || from.column(fromNames.get(k)).isEmpty())) {
            key = List.of(); // the key is new on this side: match whole rows
        }
        Map<Long, BlockSet> toBlocks = new HashMap<>();
        Map<Long, BlockSet> fromBlocks = new HashMap<>();
        int served = 0;
        int dense = 0;
        if (located != null) {
            for (Leaf[] pair : locatable(from, to, twoClusters)) {
                Leaf f = pair[0];
                Leaf t = pair[1];
                long size = Math.max(f.blocks(), t.blocks());
                BlockSet set = BlockSet.union(located.from(f.oid()), located.to(t.oid()),
                        Math.min(f.blocks(), t.blocks()), size);
                if (size >= DENSE_MIN_BLOCKS && set.count() * DENSE_SHARE > size) {
                    dense++; // reading the located blocks' whole rows would cost more than the full compare's keys and hashes
                    continue;
                }
                fromBlocks.put(f.oid(), set);
                toBlocks.put(t.oid(), set);
                served++;
            }
        }
        if (from != null) {
            for (Leaf f : from.leaves()) {
                fromBlocks.putIfAbsent(f.oid(), BlockSet.ALL);
            }
        }
        for (Leaf t : to.leaves()) {
            toBlocks.putIfAbsent(t.oid(), BlockSet.ALL);
        }
        List<String> guard = columns.stream().filter(c -> c.fromName() != null
                && from.column(c.fromName()).orElseThrow().type().equals(c.to().type())).map(c -> c.to().name()).toList();
        return new TablePlan(to, from, columns, key, toBlocks, fromBlocks,
                describe(from, to, located, why, served, dense, twoClusters), guard);
    }

    private static String describe(TableShape from, TableShape to, Located located, String why, int served, int dense,
                                   boolean twoClusters) {
        if (from == null) {
            return "new-table";
        }
        int leaves = to.leaves().size();
        if (located != null && served == leaves && leaves > 0) {
            return located.locator();
        }
        String reason = located == null ? why : served + dense == leaves
                ? "the changed blocks are more than 1 in " + DENSE_SHARE + " of the table's" : fullReason(from, to, twoClusters);
        if (located != null && served > 0) {
            return located.locator() + " + full-compare of " + (leaves - served) + " of " + leaves + " partitions: " + reason;
        }
        return "full-compare: " + reason;
    }

    private static String fullReason(TableShape from, TableShape to, boolean twoClusters) {
        boolean unlogged = to.leaves().stream().anyMatch(Leaf::unlogged) || from.leaves().stream().anyMatch(Leaf::unlogged);
        return unlogged ? "unlogged" : twoClusters ? "rewritten since the cut (new relfilenode or path)"
                : "rewritten since the branch (new relfilenode)";
    }
}
