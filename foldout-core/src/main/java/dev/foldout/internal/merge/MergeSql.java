package dev.foldout.internal.merge;

import dev.foldout.internal.diff.output.SqlLiteral;
import dev.foldout.Identifiers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The statements a merge runs on the parent for one table: identifiers through {@link Identifiers}, values as
 * literals through {@link SqlLiteral}, never pasted.
 *
 * @param schema         the table's schema
 * @param table          the table's name
 * @param only           write the table alone, not its inheritance children
 * @param identityAlways columns {@code GENERATED ALWAYS AS IDENTITY}: inserts say {@code OVERRIDING SYSTEM VALUE}
 */
record MergeSql(String schema, String table, boolean only, Set<String> identityAlways) {

    private String qualified() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }

    /** Inserts a row. */
    String insert(Map<String, String> values) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner texts = new StringJoiner(", ", "(", ")");
        boolean overriding = false;
        for (Map.Entry<String, String> v : values.entrySet()) {
            names.add(Identifiers.quote(v.getKey()));
            texts.add(SqlLiteral.of(v.getValue()));
            overriding |= identityAlways.contains(v.getKey());
        }
        return "INSERT INTO " + qualified() + " " + names + (overriding ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES " + texts + ";";
    }

    /** Updates columns of the row with key {@code key} (column, text pairs). */
    String update(List<String[]> key, Map<String, String> set) {
        StringJoiner s = new StringJoiner(", ");
        set.forEach((c, v) -> s.add(Identifiers.quote(c) + " = " + SqlLiteral.of(v)));
        return "UPDATE " + (only ? "ONLY " : "") + qualified() + " SET " + s + " WHERE " + where(key) + ";";
    }

    /** Deletes the row with key {@code key}. */
    String delete(List<String[]> key) {
        return "DELETE FROM " + (only ? "ONLY " : "") + qualified() + " WHERE " + where(key) + ";";
    }

    /** Deletes one copy of a row of a table without a key, matched on every column's text. */
    String deleteOne(Map<String, String> row) {
        StringJoiner and = new StringJoiner(" AND ");
        row.forEach((c, v) -> and.add(v == null ? Identifiers.quote(c) + " IS NULL"
                : Identifiers.quote(c) + "::text = " + SqlLiteral.of(v)));
        String from = (only ? "ONLY " : "") + qualified();
        return "DELETE FROM " + from + " WHERE (tableoid, ctid) = (SELECT tableoid, ctid FROM " + from + " WHERE "
                + (and.length() == 0 ? "true" : and.toString()) + " LIMIT 1);";
    }

    private static String where(List<String[]> key) {
        StringJoiner and = new StringJoiner(" AND ");
        key.forEach(k -> and.add(k[1] == null ? Identifiers.quote(k[0]) + " IS NULL"
                : Identifiers.quote(k[0]) + " = " + SqlLiteral.of(k[1])));
        return and.toString();
    }
}
