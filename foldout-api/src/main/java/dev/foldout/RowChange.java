package dev.foldout;

import java.util.List;
import java.util.Objects;

/**
 * One row the diff inserts, updates or deletes.
 *
 * @param kind   what happens to the row
 * @param key    the row's key (primary key, else replica identity); for a table without one, every column of the row
 * @param values INSERT: every column written; UPDATE: the columns that change, with their new values; DELETE: none
 * @param guard  UPDATE and DELETE of a keyed table: the md5 of the row as the diff saw it on the side the SQL is
 *               applied to, checked when it is applied (a row changed since is not overwritten); else null
 */
public record RowChange(Kind kind, List<DiffValue> key, List<DiffValue> values, String guard) {
    /** What happens to a row. */
    public enum Kind { INSERT, UPDATE, DELETE }

    /** Validates the record and copies the lists. */
    public RowChange {
        Objects.requireNonNull(kind, "kind");
        key = List.copyOf(key);
        values = List.copyOf(values);
    }
}
