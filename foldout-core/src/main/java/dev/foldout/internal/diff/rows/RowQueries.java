package dev.foldout.internal.diff.rows;

import static dev.foldout.Identifiers.quote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The SQL the row diff reads with, built from catalog names (quoted) and numbers only. Every value is read as
 * its text output ({@code col::text}). A keyed table read in full streams its key and a 64-bit hash of the row's
 * texts; located blocks stream whole rows. Either way rows come ordered by the key itself where that order is one
 * Java knows (integers and uuids, so the key's index gives it without a sort), else by the key's text in code-point
 * order, so that a diff's statements come in the same order whichever way its rows were found. {@link KeyOrder}
 * reproduces the order in Java.
 */
final class RowQueries {
    /** The key types read in their own order and compared as numbers (as {@code format_type} names them). */
    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");

    private final TablePlan plan;
    private final int tuplesPerPage;
    private final boolean byteOrder;

    /** {@code byteOrder}: a side's database is not UTF-8, so keys are sorted by their text's UTF-8 bytes explicitly. */
    RowQueries(TablePlan plan, int blockSize, boolean byteOrder) {
        this.plan = plan;
        this.tuplesPerPage = (blockSize - 24) / 28;
        this.byteOrder = byteOrder;
    }

    /** A query and its bind parameters (arrays of block numbers or key texts). */
    record Query(String sql, List<Object> params) {
    }

    /**
     * The stream of one side: for a keyed table the key texts, then the row's hash or (located blocks) the guard's
     * md5 and every column's text; for a table without a key every column's text. Ordered by {@link #order()}.
     */
    Query stream(Side side) {
        TableShape table = side == Side.TO ? plan.to() : plan.from();
        Map<Long, BlockSet> blocks = side == Side.TO ? plan.toBlocks() : plan.fromBlocks();
        List<Object> selectParams = new ArrayList<>();
        String select = selectList(side, plan.keyed() && wholeRows(), selectParams)
                + (plan.keyed() && wholeRows() ? ", " + columnTexts(side, selectParams) : "");
        List<Object> params = new ArrayList<>();
        StringJoiner union = new StringJoiner(" union all ");
        boolean whole = table.leaves().stream().allMatch(l -> blocks.getOrDefault(l.oid(), BlockSet.ALL).isAll());
        if (whole) {
            union.add("select " + select + " from " + only(table) + qualified(table.schema(), table.name()));
            params.addAll(selectParams);
        } else {
            for (Leaf leaf : table.leaves()) {
                BlockSet set = blocks.getOrDefault(leaf.oid(), BlockSet.ALL);
                String from = " from only " + qualified(leaf.schema(), leaf.name());
                if (set.isAll()) {
                    union.add("select " + select + from);
                    params.addAll(selectParams);
                    continue;
                }
                long[] scattered = set.scattered();
                if (scattered.length > 0) {
                    params.addAll(selectParams);
                    union.add("select " + select + from + " where ctid = any(array(select ('(' || b || ',' || o || ')')::tid "
                            + "from unnest(?::int8[]) b, generate_series(1, " + tuplesPerPage + ") o))");
                    params.add(scattered);
                }
                for (long[] run : set.longRuns()) {
                    params.addAll(selectParams);
                    union.add("select " + select + from + " where ctid >= '(" + run[0] + ",0)'::tid and ctid < '("
                            + run[1] + ",0)'::tid");
                }
            }
        }
        if (union.length() == 0) {
            union.add("select " + select + " from " + only(table) + qualified(table.schema(), table.name()) + " where false");
            params.addAll(selectParams);
        }
        return new Query("select * from (" + union + ") x order by " + orderBy(), params);
    }

    /**
     * Whether a keyed stream carries every column's text after the key and hashes: when only located blocks are
     * read, rows are few and fetching the changed ones again by key would cost more round trips than it saves.
     */
    boolean wholeRows() {
        return plan.toBlocks().values().stream().noneMatch(BlockSet::isAll)
                && plan.fromBlocks().values().stream().noneMatch(BlockSet::isAll);
    }

    /** Every column's text, aliased {@code c0, c1, ...}: the stream's outer query names only aliases of its own. */
    private String columnTexts(Side side, List<Object> params) {
        StringJoiner out = new StringJoiner(", ");
        int i = 0;
        for (ColumnPair c : plan.columns()) {
            out.add(text(c, side, params) + " as c" + i++);
        }
        return out.toString();
    }

    /**
     * The rows of the given keys on one side: key texts, then every compared column's text, then on the current side
     * the md5 of the guard's columns.
     */
    Query byKeys(Side side, List<String[]> keys) {
        TableShape table = side == Side.TO ? plan.to() : plan.from();
        StringJoiner select = new StringJoiner(", ");
        StringJoiner unnest = new StringJoiner(", ");
        StringJoiner alias = new StringJoiner(", ");
        StringJoiner on = new StringJoiner(" and ");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < plan.key().size(); i++) {
            String toName = plan.key().get(i);
            String name = side == Side.TO ? toName : plan.fromName(toName);
            Column col = table.column(name).orElseThrow();
            select.add("t." + quote(name) + "::text");
            unnest.add("?::text[]");
            alias.add("k" + i);
            on.add("t." + quote(name) + " = u.k" + i + "::" + col.type());
            String[] values = new String[keys.size()];
            for (int r = 0; r < keys.size(); r++) {
                values[r] = keys.get(r)[i];
            }
            params.add(values);
        }
        List<Object> selectParams = new ArrayList<>();
        for (ColumnPair c : plan.columns()) {
            String name = side == Side.TO ? c.to().name() : c.fromName();
            select.add(name == null ? text(c, side, selectParams) : "t." + quote(name) + "::text");
        }
        if (side == Side.FROM) {
            select.add(guard("t."));
        }
        params.addAll(0, selectParams); // the select list's come before the keys' arrays
        return new Query("select " + select + " from " + only(table) + qualified(table.schema(), table.name())
                + " t join unnest(" + unnest + ") u(" + alias + ") on " + on, params);
    }

    /**
     * Keyed: the key (its text, or itself where it is read in its own order: its text output is the same), then
     * either a 64-bit hash of the row's texts (read in full: Java compares the hashes and fetches the rows that
     * differ by key, with their guard) or, when the whole row follows, the current side's guard. Without a key:
     * every column's text.
     */
    private String selectList(Side side, boolean whole, List<Object> params) {
        StringJoiner out = new StringJoiner(", ");
        if (plan.keyed()) {
            boolean own = ownOrder() != null;
            for (int i = 0; i < plan.key().size(); i++) {
                String toName = plan.key().get(i);
                String name = side == Side.TO ? toName : plan.fromName(toName);
                out.add((own ? quote(name) : text(name)) + " as k" + i);
            }
            if (!whole) {
                StringJoiner row = new StringJoiner(", ");
                for (ColumnPair c : plan.columns()) {
                    row.add(text(c, side, params));
                }
                out.add("hashtextextended(row(" + row + ")::text, 0) as h");
            } else if (side == Side.FROM) {
                out.add(guard("") + " as g");
            }
        } else {
            int i = 0;
            for (ColumnPair c : plan.columns()) {
                out.add(text(c, side, params) + " as k" + i++);
            }
        }
        return out.toString();
    }

    /** The md5 of the current side's guard columns, each qualified by {@code prefix}. */
    private String guard(String prefix) {
        StringJoiner guard = new StringJoiner(", ");
        plan.guard().forEach(g -> guard.add(prefix + text(plan.fromName(g))));
        return "md5(row(" + guard + ")::text)";
    }

    /**
     * For a keyed table whose key is read in its own order: per key column whether it is an integer (else a uuid).
     * Null when some key column, on either side, is of another type, or the two sides' types sort otherwise.
     */
    boolean[] ownOrder() {
        if (!plan.keyed() || plan.from() == null) {
            return null;
        }
        boolean[] integer = new boolean[plan.key().size()];
        for (int i = 0; i < integer.length; i++) {
            String toName = plan.key().get(i);
            String toType = plan.to().column(toName).orElseThrow().type();
            String fromType = plan.from().column(plan.fromName(toName)).orElseThrow().type();
            boolean bothInteger = INTEGERS.contains(toType) && INTEGERS.contains(fromType);
            if (!bothInteger && !(toType.equals("uuid") && fromType.equals("uuid"))) {
                return null;
            }
            integer[i] = bothInteger;
        }
        return integer;
    }

    /** The order the streams come in, as Java compares it. */
    KeyOrder order() {
        boolean[] own = ownOrder();
        return own == null ? KeyOrder.INSTANCE : KeyOrder.of(own);
    }

    private String orderBy() {
        int n = plan.keyed() ? plan.key().size() : plan.columns().size();
        StringJoiner out = new StringJoiner(", ");
        if (ownOrder() != null) {
            for (int i = 0; i < n; i++) {
                out.add("k" + i);
            }
            return out.toString();
        }
        for (int i = 0; i < n; i++) {
            // code-point order, which KeyOrder compares by: in UTF-8 the "C" collation's byte order is that; a WIN1252
            // or EUC_JP database's own bytes sort otherwise ('€' is 0x80 there, before 'é', 0xE9), so its text is
            // sorted by its UTF-8 bytes
            out.add((byteOrder ? "convert_to(k" + i + ", 'UTF8')" : "k" + i + " collate \"C\"") + " nulls first");
        }
        return out.length() == 0 ? "1" : out.toString();
    }

    /**
     * A compared column's text on one side; a column the current side lacks reads as NULL, or as the fast default
     * the diff's ADD COLUMN gives its rows (a bind parameter, added to {@code params}).
     */
    private static String text(ColumnPair c, Side side, List<Object> params) {
        if (side == Side.FROM && c.fromName() == null && c.carried() != null) {
            params.add(c.carried());
            return "?::text";
        }
        return text(side == Side.TO ? c.to().name() : c.fromName());
    }

    private static String text(String column) {
        return column == null ? "null::text" : quote(column) + "::text";
    }

    static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** {@code only } for an ordinary table (its inheritance children are tables of their own), nothing for a partitioned one. */
    static String only(TableShape table) {
        return table.partitioned() ? "" : "only ";
    }
}
