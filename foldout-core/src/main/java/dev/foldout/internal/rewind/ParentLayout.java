package dev.foldout.internal.rewind;

import dev.foldout.Identifiers;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a rewind needs of a parent database, read once per parent (a test seed never changes): its relations by file
 * node - tables, sequences, and the indexes and TOAST relations whose writes only follow a table's - the columns a
 * row is copied back through, and, read as first needed and kept, the live tuples on the parent's blocks and its
 * sequences' positions. A branch is a file copy of its parent, so a block the branch has not written since it was
 * made holds the parent's tuples at the same places.
 */
final class ParentLayout {
    /** PostgreSQL assigns object IDs from here up to what users create. */
    private static final long FIRST_NORMAL_OID = 16384;

    /** A table: its quoted name, the columns a restored row is inserted through and their types, its size in blocks. */
    record Table(long oid, String relation, List<String> columns, List<String> types, long blocks) {
    }

    /** A sequence: its quoted name and OID. */
    record Sequence(long oid, String relation) {
    }

    final Map<Long, Table> tables = new HashMap<>();
    final Map<Long, Sequence> sequences = new HashMap<>();
    /**
     * Indexes and TOAST relations, the catalogs' too: a table's rows are undone through the table, and they follow (an
     * index scan of a catalog may write its index, removing dead entries, while the catalog itself is unchanged).
     */
    final Set<Long> followers = new HashSet<>();
    /** The highest line pointer a heap page can hold at the server's block size. */
    final int maxOffset;
    /** Why rows of this parent cannot be rewound in place; empty when they can. */
    final String unsupported;
    private final Map<Long, Map<Long, Map<Integer, Long>>> lines = new ConcurrentHashMap<>();
    private final Map<Long, String[]> positions = new ConcurrentHashMap<>();
    private final Map<Long, Map<Long, String[]>> rows = new ConcurrentHashMap<>();
    /** Rows kept per table, past which they are read again each time they are needed. */
    private static final int MAX_KEPT_ROWS = 100_000;

    private ParentLayout(int maxOffset, String unsupported) {
        this.maxOffset = maxOffset;
        this.unsupported = unsupported;
    }

    /** Reads the layout on {@code c}, a connection to the parent with only pg_catalog on its search path. */
    static ParentLayout read(Connection c) throws SQLException {
        int blockSize = Integer.parseInt(Jdbc.string(c, "select current_setting('block_size')"));
        List<String> blockers = new ArrayList<>();
        Map<Long, Object[]> rels = new HashMap<>();
        for (Object[] r : Jdbc.query(c, "select pg_relation_filenode(c.oid)::bigint, c.oid::bigint, c.relkind::text, "
                + "c.relpersistence::text, n.nspname::text, c.relname::text, pg_relation_size(c.oid) / ?, c.relhasrules, "
                + "exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgenabled in ('A', 'R')) "
                + "from pg_class c join pg_namespace n on n.oid = c.relnamespace where (c.oid >= ? "
                + "and c.relkind in ('r', 'S') or c.relkind in ('i', 't')) and c.relpersistence <> 't'",
                rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7), rs.getBoolean(8), rs.getBoolean(9)}, (long) blockSize, FIRST_NORMAL_OID)) {
            String name = Identifiers.quote((String) r[4]) + "." + Identifiers.quote((String) r[5]);
            String kind = (String) r[2];
            if ("u".equals(r[3]) && !kind.equals("i") && !kind.equals("t")) {
                blockers.add(name + " is unlogged (its writes leave no WAL)");
            } else if ((Boolean) r[7]) {
                blockers.add(name + " has rules");
            } else if ((Boolean) r[8]) {
                blockers.add(name + " has triggers that fire in replica mode");
            }
            rels.put((Long) r[1], new Object[] {r[0], kind, name, r[6]});
        }
        Map<Long, List<String[]>> columns = new HashMap<>();
        for (Object[] a : Jdbc.query(c, "select a.attrelid::bigint, a.attname::text, format_type(a.atttypid, a.atttypmod), "
                + "a.attgenerated::text from pg_attribute a join pg_class c on c.oid = a.attrelid where c.oid >= ? "
                + "and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped order by a.attrelid, a.attnum",
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)}, FIRST_NORMAL_OID)) {
            if (((String) a[3]).isEmpty()) { // a generated column is computed again from the others
                columns.computeIfAbsent((Long) a[0], k -> new ArrayList<>()).add(new String[] {(String) a[1], (String) a[2]});
            }
        }
        ParentLayout layout = new ParentLayout((blockSize - 24) / (24 + 4), String.join("; ", blockers));
        for (Map.Entry<Long, Object[]> e : rels.entrySet()) {
            long node = (Long) e.getValue()[0];
            String name = (String) e.getValue()[2];
            switch ((String) e.getValue()[1]) {
                case "r" -> {
                    List<String[]> cols = columns.getOrDefault(e.getKey(), List.of());
                    layout.tables.put(node, new Table(e.getKey(), name, cols.stream().map(x -> Identifiers.quote(x[0])).toList(),
                            cols.stream().map(x -> x[1]).toList(), (Long) e.getValue()[3]));
                }
                case "S" -> layout.sequences.put(node, new Sequence(e.getKey(), name));
                default -> layout.followers.add(node);
            }
        }
        return layout;
    }

    /**
     * The parent's live tuples (line pointer to xmin) on {@code blocks} of {@code table}, read on {@code parent} the
     * first time a block is asked for; a block past the parent's end holds none.
     */
    Map<Long, Map<Integer, Long>> lines(long node, Table table, SortedSet<Long> blocks, ParentConnection parent)
            throws SQLException {
        Map<Long, Map<Integer, Long>> known = lines.computeIfAbsent(node, k -> new ConcurrentHashMap<>());
        SortedSet<Long> missing = new TreeSet<>();
        for (long b : blocks) {
            if (!known.containsKey(b) && b < table.blocks()) {
                missing.add(b);
            }
        }
        if (!missing.isEmpty()) {
            known.putAll(BlockLines.read(parent.get(), table.relation(), missing));
        }
        Map<Long, Map<Integer, Long>> out = new HashMap<>();
        for (long b : blocks) {
            out.put(b, known.getOrDefault(b, Map.of()));
        }
        return out;
    }

    /**
     * The parent's rows at {@code tids} of {@code table} - each column's value as text, in the table's insert columns -
     * read on {@code parent} the first time a row is asked for: most tests touch the same few rows again and again.
     */
    Map<Long, String[]> values(long node, Table table, java.util.Collection<Long> tids, ParentConnection parent)
            throws SQLException {
        Map<Long, String[]> known = rows.computeIfAbsent(node, k -> new ConcurrentHashMap<>());
        List<Long> missing = tids.stream().distinct().filter(t -> !known.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            Map<Long, String[]> read = RestoredRows.read(parent.get(), table, missing);
            if (known.size() < MAX_KEPT_ROWS) {
                known.putAll(read);
            }
            Map<Long, String[]> out = new HashMap<>(read);
            for (long t : tids) {
                out.putIfAbsent(t, known.get(t));
            }
            return out;
        }
        Map<Long, String[]> out = new HashMap<>();
        for (long t : tids) {
            out.put(t, known.get(t));
        }
        return out;
    }

    /** The parent's position of {@code seq}: its last value and whether it was called, as text. */
    String[] position(Sequence seq, ParentConnection parent) throws SQLException {
        String[] known = positions.get(seq.oid());
        if (known == null) {
            known = Sequences.position(parent.get(), seq);
            positions.put(seq.oid(), known);
        }
        return known;
    }

    /** A connection to the parent, opened only when a read needs one. */
    @FunctionalInterface
    interface ParentConnection {
        Connection get() throws SQLException;
    }
}
