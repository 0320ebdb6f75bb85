package dev.foldout;

import java.util.List;
import java.util.Objects;

/**
 * The DDL for one object that differs.
 *
 * @param kind       the object's kind, e.g. {@code table}, {@code index}, {@code function}
 * @param name       its qualified name
 * @param action     {@code CREATE}, {@code ALTER} or {@code DROP}
 * @param statements the SQL statements, in order
 */
public record SchemaChange(String kind, String name, String action, List<String> statements) {
    /** Validates the record and copies the list. */
    public SchemaChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        statements = List.copyOf(statements);
    }
}
