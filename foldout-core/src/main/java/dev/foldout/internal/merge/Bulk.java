package dev.foldout.internal.merge;

import dev.foldout.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * One statement that writes a batch of rows at once: the rows travel as text arrays (one per column, bound as
 * parameters) that {@code unnest} turns back into rows, each value cast to its column's type; so a batch of 500 rows
 * is one round trip and one plan instead of 500.
 *
 * @param sql      the statement, with a {@code ?::text[]} per array
 * @param arrays   the arrays, in order
 * @param object   the table written, as conflicts name it
 * @param expected how many rows it must change
 * @param readable the same writes one statement per row, for a dry run's report (empty when not kept)
 */
record Bulk(String sql, List<String[]> arrays, String object, int expected, List<String> readable) {

    /**
     * The statements of one table.
     *
     * @param table the table, quoted and qualified
     * @param only  {@code ONLY } or nothing (a partitioned table)
     */
    record Table(String table, String only) {
        static Table of(String schema, String name, boolean only) {
            return new Table(Identifiers.quote(schema) + "." + Identifiers.quote(name), only ? "ONLY " : "");
        }

        /** Inserts rows of {@code columns} (name, type); {@code overriding}: identity ALWAYS columns among them. */
        String insert(List<String[]> columns, boolean overriding) {
            StringJoiner names = new StringJoiner(", ");
            StringJoiner casts = new StringJoiner(", ");
            for (int i = 0; i < columns.size(); i++) {
                names.add(Identifiers.quote(columns.get(i)[0]));
                casts.add("u.v" + i + "::" + columns.get(i)[1]);
            }
            return "INSERT INTO " + table + " (" + names + ")" + (overriding ? " OVERRIDING SYSTEM VALUE" : "") + " SELECT "
                    + casts + " FROM " + unnest(0, columns.size(), "v");
        }

        /** Updates {@code set} (name, type) of the rows whose key (name, type) is given. */
        String update(List<String[]> key, List<String[]> set) {
            StringJoiner assign = new StringJoiner(", ");
            for (int i = 0; i < set.size(); i++) {
                assign.add(Identifiers.quote(set.get(i)[0]) + " = u.v" + i + "::" + set.get(i)[1]);
            }
            return "UPDATE " + only + table + " t SET " + assign + " FROM " + unnest(key.size(), set.size(), "v")
                    + " WHERE " + match(key);
        }

        /** Deletes the rows whose key (name, type) is given. */
        String delete(List<String[]> key) {
            return "DELETE FROM " + only + table + " t USING " + unnest(key.size(), 0, "v") + " WHERE " + match(key);
        }

        private static String unnest(int keys, int values, String prefix) {
            StringJoiner params = new StringJoiner(", ");
            StringJoiner names = new StringJoiner(", ");
            for (int i = 0; i < keys; i++) {
                params.add("?::text[]");
                names.add("k" + i);
            }
            for (int i = 0; i < values; i++) {
                params.add("?::text[]");
                names.add(prefix + i);
            }
            return "unnest(" + params + ") AS u(" + names + ")";
        }

        private static String match(List<String[]> key) {
            StringJoiner and = new StringJoiner(" AND ");
            for (int i = 0; i < key.size(); i++) {
                and.add("t." + Identifiers.quote(key.get(i)[0]) + " = u.k" + i + "::" + key.get(i)[1]);
            }
            return and.toString();
        }
    }

    /** Column-wise arrays of {@code rows}, each row's texts in column order. */
    static List<String[]> columns(List<String[]> rows, int width) {
        List<String[]> out = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            String[] col = new String[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                col[r] = rows.get(r)[c];
            }
            out.add(col);
        }
        return out;
    }
}
