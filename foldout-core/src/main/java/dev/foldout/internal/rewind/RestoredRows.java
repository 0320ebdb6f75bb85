package dev.foldout.internal.rewind;

import dev.foldout.internal.sql.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies rows of the parent back into a branch, by the places of the parent's tuples: each value travels as text under
 * the same text settings on both sides (Foldout's pinned ones) and is read back through its column's type. The
 * inserted rows report where they landed, and each is matched to the parent's row by its values.
 */
final class RestoredRows {
    private RestoredRows() {
    }

    /** Where a restored row landed in the branch: its place, its xmin, and the parent's tuple it copies. */
    record Landed(long tid, long xmin, long parentTid) {
    }

    /** Deletes the tuples at {@code tids} of {@code table} on {@code branch}; fails unless each was there. */
    static void delete(Connection branch, ParentLayout.Table table, List<Long> tids) throws SQLException {
        int n = Jdbc.update(branch, "delete from only " + table.relation() + " where ctid = any(?::tid[])", Tids.array(tids));
        if (n != tids.size()) {
            throw new SQLException("deleted " + n + " of the " + tids.size() + " rows " + table.relation()
                    + " gained: the branch changed while it was rewound", "40001");
        }
    }

    /** The rows at {@code tids} of {@code table} on {@code parent}, each column's value as text; fails unless each is there. */
    static Map<Long, String[]> read(Connection parent, ParentLayout.Table table, List<Long> tids) throws SQLException {
        int width = table.columns().size();
        StringBuilder read = new StringBuilder("select ctid::text");
        for (String col : table.columns()) {
            read.append(", ").append(col).append("::text");
        }
        read.append(" from only ").append(table.relation()).append(" where ctid = any(?::tid[])");
        Map<Long, String[]> values = new HashMap<>();
        for (Object[] row : Jdbc.query(parent, read.toString(), rs -> {
            String[] v = new String[width];
            for (int i = 0; i < width; i++) {
                v[i] = rs.getString(i + 2);
            }
            return new Object[] {Tids.parse(rs.getString(1)), v};
        }, Tids.array(tids))) {
            values.put((Long) row[0], (String[]) row[1]);
        }
        if (values.size() != new java.util.HashSet<>(tids).size()) {
            throw new SQLException("the parent holds " + values.size() + " of the " + tids.size() + " rows of "
                    + table.relation() + " to copy back: it changed since the branch was made", "40001");
        }
        return values;
    }

    /** Inserts into {@code branch} the rows {@code values} holds for {@code parentTids} of {@code table}. */
    static List<Landed> restore(Connection branch, ParentLayout.Table table, List<Long> parentTids,
                                Map<Long, String[]> values) throws SQLException {
        int width = table.columns().size();
        StringBuilder sql = new StringBuilder("insert into ").append(table.relation()).append(" (")
                .append(String.join(", ", table.columns())).append(") overriding system value select ");
        StringBuilder from = new StringBuilder(" from unnest(");
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < width; i++) {
            // the type as format_type printed it on the parent, where only pg_catalog was on the search path
            sql.append(i == 0 ? "" : ", ").append("u.v").append(i).append("::").append(table.types().get(i));
            from.append(i == 0 ? "" : ", ").append("?::text[]");
            names.append("v").append(i).append(", ");
        }
        sql.append(from).append(") with ordinality as u(").append(names).append("ord) order by u.ord returning ctid::text, xmin::text");
        for (String col : table.columns()) {
            sql.append(", ").append(col).append("::text");
        }
        Map<List<String>, Deque<Long>> byValues = new HashMap<>();
        List<Landed> out = new ArrayList<>();
        try (PreparedStatement ps = branch.prepareStatement(sql.toString())) {
            for (int i = 0; i < width; i++) {
                String[] column = new String[parentTids.size()];
                for (int r = 0; r < parentTids.size(); r++) {
                    column[r] = values.get(parentTids.get(r))[i];
                }
                Array a = branch.createArrayOf("text", column);
                ps.setArray(i + 1, a);
            }
            for (long p : parentTids) {
                byValues.computeIfAbsent(Arrays.asList(values.get(p)), k -> new ArrayDeque<>()).add(p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] landed = new String[width];
                    for (int i = 0; i < width; i++) {
                        landed[i] = rs.getString(i + 3);
                    }
                    Deque<Long> match = byValues.get(Arrays.asList(landed));
                    if (match == null || match.isEmpty()) {
                        throw new SQLException("a row copied back into " + table.relation() + " reads differently from "
                                + "the parent's: a type whose text form does not read back the same", "22000");
                    }
                    out.add(new Landed(Tids.parse(rs.getString(1)), Long.parseLong(rs.getString(2)), match.poll()));
                }
            }
        }
        if (out.size() != parentTids.size()) {
            throw new SQLException("inserted " + out.size() + " of " + parentTids.size() + " rows into " + table.relation(), "40001");
        }
        return out;
    }
}
