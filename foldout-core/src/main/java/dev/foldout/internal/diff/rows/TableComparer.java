package dev.foldout.internal.diff.rows;

import dev.foldout.internal.sql.BothSides;
import dev.foldout.DiffValue;
import dev.foldout.RowChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares one table's rows on two sides. Read in full, both sides stream (key, 64-bit hash of the row) in key
 * order, at once and read ahead, merged here; the keys whose rows differ are then fetched in batches through the
 * key's index (with the current side's guard), and the changes go to the sink in key order. Located blocks stream
 * whole rows instead. A table without a key streams whole rows, matched as multisets. Memory: a few batches.
 */
public final class TableComparer {
    private static final int BATCH = 500;

    private final Connection from;
    private final Connection to;
    private final int blockSize;
    /** Whether both databases hold UTF-8, where text sorts by code point as it is; read at the first compare. */
    private Boolean bothUtf8;

    /** Compares rows read through {@code from} (current side) and {@code to} (desired side), both in a transaction. */
    public TableComparer(Connection from, Connection to, int blockSize) {
        this.from = from;
        this.to = to;
        this.blockSize = blockSize;
    }

    /** Whether keys must be sorted by their UTF-8 bytes explicitly: a side's database is not UTF-8. */
    private boolean byteOrder() throws SQLException {
        if (bothUtf8 == null) {
            bothUtf8 = "UTF8".equals(dev.foldout.internal.sql.Jdbc.string(from, "select current_setting('server_encoding')"))
                    && "UTF8".equals(dev.foldout.internal.sql.Jdbc.string(to, "select current_setting('server_encoding')"));
        }
        return !bothUtf8;
    }

    /** The counts of one table's changes. */
    public record Counts(long inserts, long updates, long deletes) {
    }

    /** Compares the table and hands every change to {@code sink}. */
    public Counts compare(TablePlan plan, RowSink sink) throws SQLException {
        if (plan.from() != null && nothingToRead(plan)) {
            return new Counts(0, 0, 0);
        }
        RowQueries queries = new RowQueries(plan, blockSize, byteOrder());
        if (plan.from() == null || !plan.keyed()) {
            return multiset(plan, queries, sink);
        }
        long[] counts = new long[3];
        List<Pending> pending = new ArrayList<>();
        boolean whole = queries.wholeRows();
        KeyOrder order = queries.order();
        int k = plan.key().size();
        // whole rows: keys, [guard on the current side], the row; else keys, the row's hash (the guard is fetched)
        int rowAt = plan.key().size() + 1;
        try (RowStream.Both opened = RowStream.Both.open(from, queries.stream(Side.FROM), to, queries.stream(Side.TO),
                !whole || small(plan)); RowStream.Both both = whole ? opened : opened.prefetched()) {
            Rows a = both.from();
            Rows b = both.to();
            String[] x = a.next();
            String[] y = b.next();
            while (x != null || y != null) {
                int c = x == null ? 1 : y == null ? -1 : order.compare(x, y, k);
                if (c < 0) {
                    pending.add(new Pending(RowChange.Kind.DELETE, Arrays.copyOf(x, k), whole ? x[k] : null, null, null));
                    x = a.next();
                } else if (c > 0) {
                    pending.add(new Pending(RowChange.Kind.INSERT, Arrays.copyOf(y, k), null, whole ? tail(y, k) : null, null));
                    y = b.next();
                } else {
                    boolean differ = whole ? !Arrays.equals(x, rowAt, x.length, y, k, y.length) : !Objects.equals(x[k], y[k]);
                    if (differ) {
                        pending.add(new Pending(RowChange.Kind.UPDATE, Arrays.copyOf(y, k), whole ? x[k] : null,
                                whole ? tail(y, k) : null, whole ? tail(x, rowAt) : null));
                    }
                    x = a.next();
                    y = b.next();
                }
                if (pending.size() >= BATCH) {
                    flush(plan, queries, pending, sink, counts);
                }
            }
            flush(plan, queries, pending, sink, counts);
        }
        return new Counts(counts[0], counts[1], counts[2]);
    }

    /** Whether each side reads few enough blocks for both to be read at once (see {@link RowStream.Both}). */
    private static boolean small(TablePlan plan) {
        return blocks(plan.toBlocks().values()) <= RowStream.Both.PARALLEL_BLOCKS
                && blocks(plan.fromBlocks().values()) <= RowStream.Both.PARALLEL_BLOCKS;
    }

    /** The blocks read of a side's leaves; {@link Long#MAX_VALUE} when any is read whole. */
    private static long blocks(java.util.Collection<BlockSet> sets) {
        long n = 0;
        for (BlockSet set : sets) {
            if (set.isAll()) {
                return Long.MAX_VALUE;
            }
            n += set.count();
        }
        return n;
    }

    /** Whether the locator found no block to read on either side: the table did not change. */
    private static boolean nothingToRead(TablePlan plan) {
        return plan.toBlocks().values().stream().allMatch(BlockSet::isEmpty)
                && plan.fromBlocks().values().stream().allMatch(BlockSet::isEmpty);
    }

    /**
     * A row change found by the merge; {@code now} and {@code before} are the row's texts and {@code guard} the
     * current side's guard when the stream carried them, else they are fetched by key.
     */
    private record Pending(RowChange.Kind kind, String[] key, String guard, String[] now, String[] before) {
    }

    private static String[] tail(String[] row, int from) {
        return Arrays.copyOfRange(row, from, row.length);
    }

    private void flush(TablePlan plan, RowQueries queries, List<Pending> pending, RowSink sink, long[] counts) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        List<String[]> wanted = new ArrayList<>();
        List<String[]> changed = new ArrayList<>();
        for (Pending p : pending) {
            if (p.kind() != RowChange.Kind.DELETE && p.now() == null) {
                wanted.add(p.key());
            }
            if (p.kind() != RowChange.Kind.INSERT && (p.before() == null || p.guard() == null)) {
                changed.add(p.key());
            }
        }
        BothSides.Pair<Map<String, String[]>, Map<String, String[]>> fetched = BothSides.read(
                () -> fetch(from, queries.byKeys(Side.FROM, changed), plan.key().size(), changed.isEmpty()),
                () -> fetch(to, queries.byKeys(Side.TO, wanted), plan.key().size(), wanted.isEmpty()));
        Map<String, String[]> fromRows = fetched.first();
        Map<String, String[]> toRows = fetched.second();
        for (Pending p : pending) {
            List<DiffValue> key = values(plan, p.key());
            switch (p.kind()) {
                case DELETE -> {
                    sink.change(new RowChange(RowChange.Kind.DELETE, key, List.of(), guard(plan, fromRows, p)));
                    counts[2]++;
                }
                case INSERT -> {
                    sink.change(new RowChange(RowChange.Kind.INSERT, key, row(plan, require(toRows, p), null), null));
                    counts[0]++;
                }
                case UPDATE -> {
                    List<DiffValue> set = row(plan, require(toRows, p), require(fromRows, p, true));
                    if (!set.isEmpty()) {
                        sink.change(new RowChange(RowChange.Kind.UPDATE, key, set, guard(plan, fromRows, p)));
                        counts[1]++;
                    }
                }
            }
        }
        pending.clear();
    }

    /** The current side's guard of a row: carried by the stream, else the last text of the row fetched by key. */
    private static String guard(TablePlan plan, Map<String, String[]> fromRows, Pending p) throws SQLException {
        if (p.guard() != null) {
            return p.guard();
        }
        String[] row = require(fromRows, p, true);
        return row[plan.columns().size()];
    }

    private static String[] require(Map<String, String[]> rows, Pending p) throws SQLException {
        return require(rows, p, false);
    }

    private static String[] require(Map<String, String[]> rows, Pending p, boolean before) throws SQLException {
        String[] carried = before ? p.before() : p.now();
        if (carried != null) {
            return carried;
        }
        String[] row = rows.get(joinKey(p.key()));
        if (row == null) {
            throw new SQLException("the row with key " + Arrays.toString(p.key()) + " vanished between two reads of the "
                    + "same snapshot: is the key's index corrupt?");
        }
        return row;
    }

    private static Map<String, String[]> fetch(Connection c, RowQueries.Query q, int keyWidth, boolean none) throws SQLException {
        Map<String, String[]> out = new HashMap<>();
        if (none) {
            return out;
        }
        try (RowStream s = RowStream.open(c, q)) {
            for (String[] r = s.next(); r != null; r = s.next()) {
                out.put(joinKey(Arrays.copyOf(r, keyWidth)), Arrays.copyOfRange(r, keyWidth, r.length));
            }
        }
        return out;
    }

    /** The columns to write: all of {@code now}, or only those that differ from {@code before}. */
    private static List<DiffValue> row(TablePlan plan, String[] now, String[] before) {
        List<DiffValue> out = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            Column col = plan.columns().get(i).to();
            ColumnPair pair = plan.columns().get(i);
            if (before == null || !Objects.equals(before[i], now[i]) || pair.fromName() == null && pair.carried() == null) {
                out.add(new DiffValue(col.name(), col.type(), now[i]));
            }
        }
        return out;
    }

    private static List<DiffValue> values(TablePlan plan, String[] key) {
        List<DiffValue> out = new ArrayList<>(key.length);
        for (int i = 0; i < key.length; i++) {
            Column col = plan.to().column(plan.key().get(i)).orElseThrow();
            out.add(new DiffValue(col.name(), col.type(), key[i]));
        }
        return out;
    }

    private Counts multiset(TablePlan plan, RowQueries queries, RowSink sink) throws SQLException {
        TablePlan whole = plan;
        if (plan.keyed()) {
            // a table only the desired side has: every row is an insert, streamed whole
            whole = new TablePlan(plan.to(), plan.from(), plan.columns(), List.of(), plan.toBlocks(), plan.fromBlocks(),
                    plan.locator(), List.of());
            queries = new RowQueries(whole, blockSize, byteOrder());
        }
        long inserts = 0;
        long deletes = 0;
        try (RowStream.Both both = RowStream.Both.open(plan.from() == null ? null : from,
                plan.from() == null ? null : queries.stream(Side.FROM), to, queries.stream(Side.TO), small(plan))) {
            Rows a = both.from();
            Rows b = both.to();
            String[] x = a == null ? null : a.next();
            String[] y = b.next();
            while (x != null || y != null) {
                int c = x == null ? 1 : y == null ? -1 : KeyOrder.INSTANCE.compare(x, y);
                if (c < 0) {
                    sink.change(new RowChange(RowChange.Kind.DELETE, row(whole, x, null), List.of(), null));
                    deletes++;
                    x = a.next();
                } else if (c > 0) {
                    List<DiffValue> values = row(whole, y, null);
                    sink.change(new RowChange(RowChange.Kind.INSERT, keyOf(plan, values), values, null));
                    inserts++;
                    y = b.next();
                } else {
                    x = a.next();
                    y = b.next();
                }
            }
        }
        return new Counts(inserts, 0, deletes);
    }

    private static List<DiffValue> keyOf(TablePlan plan, List<DiffValue> values) {
        if (!plan.keyed()) {
            return values;
        }
        return values.stream().filter(v -> plan.key().contains(v.column())).toList();
    }

    /** The key's texts joined with NUL, which no PostgreSQL text contains; a NULL as a lone marker. */
    static String joinKey(String[] key) {
        StringBuilder b = new StringBuilder();
        for (String k : key) {
            b.append(k == null ? "\u0001N" : "\u0001V" + k).append('\u0000');
        }
        return b.toString();
    }
}
