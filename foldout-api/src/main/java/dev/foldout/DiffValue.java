package dev.foldout;

import java.util.Objects;

/**
 * One value of a changed row, as the server writes it: its text output and its type, never interpreted.
 *
 * @param column the column's name
 * @param type   the column's type, as {@code format_type} writes it (schema-qualified outside pg_catalog)
 * @param text   the value's text output; {@code null} for SQL NULL
 */
public record DiffValue(String column, String type, String text) {
    /** Validates the record. */
    public DiffValue {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
    }

    /** Whether the value is SQL NULL. */
    public boolean isNull() {
        return text == null;
    }
}
