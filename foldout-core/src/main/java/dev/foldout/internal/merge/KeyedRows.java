package dev.foldout.internal.merge;

import dev.foldout.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads rows of one table by key, every value as its text, through the key's index: {@code join unnest(keys)}, one
 * round trip per batch. On the parent the rows are locked ({@code FOR UPDATE}) so that nothing changes them between
 * the merge's decision and its write.
 *
 * @param schema  the table's schema
 * @param table   the table's name
 * @param keys    the key columns, in key order, with their types
 * @param columns the columns read, in order
 * @param only    read the table alone, not its inheritance children (false for a partitioned table)
 */
record KeyedRows(String schema, String table, List<String[]> keys, List<String> columns, boolean only) {

    /** The rows of {@code wanted} (key texts, in key order), by joined key; {@code lock}: FOR UPDATE. */
    Map<String, Map<String, String>> fetch(Connection c, List<String[]> wanted, boolean lock) throws SQLException {
        Map<String, Map<String, String>> out = new HashMap<>();
        if (wanted.isEmpty()) {
            return out;
        }
        StringJoiner select = new StringJoiner(", ");
        StringJoiner unnest = new StringJoiner(", ");
        StringJoiner alias = new StringJoiner(", ");
        StringJoiner on = new StringJoiner(" and ");
        for (int i = 0; i < keys.size(); i++) {
            String q = Identifiers.quote(keys.get(i)[0]);
            select.add("t." + q + "::text");
            unnest.add("?::text[]");
            alias.add("k" + i);
            on.add("t." + q + " = u.k" + i + "::" + keys.get(i)[1]);
        }
        for (String col : columns) {
            select.add("t." + Identifiers.quote(col) + "::text");
        }
        String sql = "select " + select + " from " + (only ? "only " : "") + Identifiers.quote(schema) + "."
                + Identifiers.quote(table) + " t join unnest(" + unnest + ") u(" + alias + ") on " + on
                + (lock ? " for update of t" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < keys.size(); i++) {
                String[] values = new String[wanted.size()];
                for (int r = 0; r < wanted.size(); r++) {
                    values[r] = wanted.get(r)[i];
                }
                Array a = c.createArrayOf("text", values);
                ps.setArray(i + 1, a);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] key = new String[keys.size()];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = rs.getString(i + 1);
                    }
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        row.put(columns.get(i), rs.getString(keys.size() + i + 1));
                    }
                    out.put(join(key), row);
                }
            }
        }
        return out;
    }

    /** The key's texts joined with a separator no PostgreSQL text contains; NULL as a marker of its own. */
    static String join(String[] key) {
        StringBuilder b = new StringBuilder();
        for (String k : key) {
            b.append(k == null ? "\u0001N" : "\u0001V" + k).append('\u0000');
        }
        return b.toString();
    }
}
