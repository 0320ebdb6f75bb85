package dev.foldout.internal.diff.schema;

import java.util.Objects;

/**
 * One column of the desired side's table and the column it matches on the current side.
 *
 * @param fromName the current side's column name, or null when the desired side added it
 * @param toName   the desired side's column name
 */
public record ColumnMapping(String fromName, String toName) {
    /** Checks. */
    public ColumnMapping {
        Objects.requireNonNull(toName, "toName");
    }
}
