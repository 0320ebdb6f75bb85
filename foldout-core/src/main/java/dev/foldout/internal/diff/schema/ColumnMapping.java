package dev.foldout.internal.diff.schema;

import java.util.Objects;

/**
 * One column of the desired side's table and the column it matches on the current side.
 *
 * @param fromName the current side's column name, or null when the desired side added it
 * @param toName   the desired side's column name
 * @param carried  for a column the diff adds with a fast default, the text of the value that ADD COLUMN gives the
 *                 rows already there (the current side's rows read as holding it); otherwise null
 */
public record ColumnMapping(String fromName, String toName, String carried) {
    /** Checks. */
    public ColumnMapping {
        Objects.requireNonNull(toName, "toName");
    }

    /** A mapping whose added column carries no value. */
    public ColumnMapping(String fromName, String toName) {
        this(fromName, toName, null);
    }
}
