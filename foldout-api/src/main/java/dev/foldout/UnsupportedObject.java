package dev.foldout;

import java.util.Objects;

/**
 * An object that differs between the two sides but that the diff cannot express: reported, never skipped in silence.
 *
 * @param kind   its kind, e.g. {@code rule}
 * @param name   its qualified name
 * @param reason why it is not in the SQL
 */
public record UnsupportedObject(String kind, String name, String reason) {
    /** Validates the record. */
    public UnsupportedObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }
}
