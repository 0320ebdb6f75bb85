package dev.foldout.internal.diff.schema;

import java.util.List;
import java.util.Objects;

/**
 * The DDL that makes one database's schema equal to another's.
 *
 * @param preData     statements to run before the row DML, in this order
 * @param postData    statements to run after the row DML, in this order
 * @param changes     the same statements grouped per object
 * @param unsupported objects that differ but cannot be diffed
 * @param tables      every table of the desired side whose rows need comparing (partitioned roots, not partitions)
 */
public record SchemaDiff(List<String> preData, List<String> postData, List<ObjectChange> changes,
                         List<Unsupported> unsupported, List<TableMapping> tables) {
    /** Copies the lists. */
    public SchemaDiff {
        preData = List.copyOf(Objects.requireNonNull(preData, "preData"));
        postData = List.copyOf(Objects.requireNonNull(postData, "postData"));
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
        unsupported = List.copyOf(Objects.requireNonNull(unsupported, "unsupported"));
        tables = List.copyOf(Objects.requireNonNull(tables, "tables"));
    }

    /** True when the schemas are equal: no DDL and nothing unsupported that differs. */
    public boolean isEmpty() {
        return preData.isEmpty() && postData.isEmpty() && unsupported.isEmpty();
    }
}
