package dev.foldout;

import java.util.List;
import java.util.Objects;

/**
 * The row changes of one table.
 *
 * @param schema  the table's schema (on the side the diff makes the other look like)
 * @param name    the table's name
 * @param key     the names of the key columns rows are matched by; empty: none, rows compared as multisets
 * @param locator how the changed rows were found, in words: {@code pagescan}, {@code wal-summaries}, or
 *                {@code full-compare} with the reason ({@code full-compare: unlogged}), {@code new-table}; as an enum:
 *                {@link #locatedBy()}
 * @param inserts rows inserted
 * @param updates rows updated
 * @param deletes rows deleted
 * @param rows    the changes, in the order they are applied (empty when the diff was streamed without keeping rows)
 */
public record TableDiff(String schema, String name, List<String> key, String locator, long inserts, long updates,
                        long deletes, List<RowChange> rows) {
    /** Validates the record and copies the lists. */
    public TableDiff {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(locator, "locator");
        key = List.copyOf(key);
        rows = List.copyOf(rows);
    }

    /**
     * The locator that found the rows: {@link Locator#FULL_COMPARE} when any of the table was compared in full (a new
     * table is read whole), else {@link Locator#PAGESCAN} or {@link Locator#WAL_SUMMARIES}.
     */
    public Locator locatedBy() {
        if (locator.startsWith("pagescan") && !locator.contains("full-compare")) {
            return Locator.PAGESCAN;
        }
        if (locator.startsWith("wal-summaries") && !locator.contains("full-compare")) {
            return Locator.WAL_SUMMARIES;
        }
        return Locator.FULL_COMPARE;
    }

    /** Whether any row changed. */
    public boolean hasChanges() {
        return inserts + updates + deletes > 0;
    }
}
