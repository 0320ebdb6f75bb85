package dev.foldout.internal.diff.schema;

import java.util.List;
import java.util.Objects;

/**
 * A table of the desired side whose rows need comparing, and the table it matches on the current side.
 * The {@code from*} fields are null (and {@code fromOid} 0) for a table new on the desired side: all its rows
 * become inserts. Names are raw, unquoted; quote them with {@code Identifiers.quote}.
 *
 * @param columns     the desired side's columns in column order, each with its match
 * @param catalogOnly whether some of its rows hold values that only the catalog has (fast defaults) and that the
 *                    current side does not hold alike: no locator sees those rows, so the table is compared in full
 */
public record TableMapping(String fromSchema, String fromName, long fromOid, String toSchema, String toName,
                           long toOid, List<ColumnMapping> columns, boolean catalogOnly) {
    /** Checks and copies. */
    public TableMapping {
        Objects.requireNonNull(toSchema, "toSchema");
        Objects.requireNonNull(toName, "toName");
        if ((fromSchema == null) != (fromName == null)) {
            throw new IllegalArgumentException("fromSchema and fromName are both set or both null");
        }
        columns = List.copyOf(columns);
    }

    /** True when the table exists only on the desired side. */
    public boolean isNew() {
        return fromName == null;
    }
}
