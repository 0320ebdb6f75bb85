package dev.foldout.internal.diff.rows;

import java.util.List;
import java.util.Optional;

/**
 * A table as one side's catalog has it: what the row diff needs to read and write its rows.
 *
 * @param oid       its OID
 * @param schema    its schema
 * @param name      its name
 * @param partitioned a partitioned table: rows are read from its leaves, written through it
 * @param columns   its columns in order, dropped ones left out
 * @param key       the columns of its primary key, else of its replica identity index; empty: none
 * @param leaves    the relations holding its rows (itself, for an ordinary table)
 */
public record TableShape(long oid, String schema, String name, boolean partitioned, List<Column> columns,
                         List<String> key, List<Leaf> leaves) {
    /** Copies the lists. */
    public TableShape {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        leaves = List.copyOf(leaves);
    }

    /** The column of that name, if the table has it. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The leaf with that OID, if the table has it. */
    public Optional<Leaf> leaf(long leafOid) {
        return leaves.stream().filter(l -> l.oid() == leafOid).findFirst();
    }
}
