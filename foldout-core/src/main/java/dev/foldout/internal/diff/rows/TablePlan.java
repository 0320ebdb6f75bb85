package dev.foldout.internal.diff.rows;

import java.util.List;
import java.util.Map;

/**
 * How one table's rows are compared: its shape on both sides, the columns, the key, and per leaf the blocks to
 * read on each side.
 *
 * @param to         the table on the desired side
 * @param from       the table on the current side; null for a table only the desired side has
 * @param columns    the columns compared and written (generated ones left out)
 * @param key        the key columns, desired-side names; empty: rows compared as multisets
 * @param toBlocks   per leaf OID of {@code to}, the blocks to read
 * @param fromBlocks per leaf OID of {@code from}, the blocks to read
 * @param locator    how the blocks were found, as the diff reports it
 * @param guard      the columns (desired-side names) whose text is the same type on both sides: an UPDATE or DELETE
 *                   checks the md5 of their texts, so that it does not overwrite a row changed since the diff
 */
public record TablePlan(TableShape to, TableShape from, List<ColumnPair> columns, List<String> key,
                        Map<Long, BlockSet> toBlocks, Map<Long, BlockSet> fromBlocks, String locator, List<String> guard) {
    /** Copies the collections. */
    public TablePlan {
        columns = List.copyOf(columns);
        guard = List.copyOf(guard);
        key = List.copyOf(key);
        toBlocks = Map.copyOf(toBlocks);
        fromBlocks = Map.copyOf(fromBlocks);
    }

    /** Whether rows are matched by a key. */
    public boolean keyed() {
        return !key.isEmpty();
    }

    /** The current side's name of a desired-side column; null if the current side lacks it. */
    public String fromName(String toName) {
        return columns.stream().filter(c -> c.to().name().equals(toName)).map(ColumnPair::fromName).findFirst()
                .orElse(null);
    }
}
