package dev.foldout.internal.diff.schema;

import java.util.Objects;

/**
 * An object that differs between the two sides but that the schema diff cannot turn into DDL.
 *
 * @param kind   e.g. {@code rule}, {@code publication}
 * @param name   its qualified name
 * @param reason why it is reported, and what to do
 */
public record Unsupported(String kind, String name, String reason) {
    /** Checks. */
    public Unsupported {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }
}
