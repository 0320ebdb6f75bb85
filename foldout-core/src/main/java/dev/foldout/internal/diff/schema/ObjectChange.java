package dev.foldout.internal.diff.schema;

import java.util.List;
import java.util.Objects;

/**
 * The DDL of one object, in the order it runs (pre-data statements first).
 *
 * @param kind       e.g. {@code table}, {@code index}, {@code function}
 * @param name       the object's qualified name on the desired side (its old name when it is dropped)
 * @param action     what happens to it
 * @param statements its statements
 */
public record ObjectChange(String kind, String name, Action action, List<String> statements) {
    /** What happens to an object. */
    public enum Action {
        /** It exists only on the desired side. */
        CREATE,
        /** It exists on both sides and differs (renames included). */
        ALTER,
        /** It exists only on the current side. */
        DROP
    }

    /** Checks and copies. */
    public ObjectChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        statements = List.copyOf(statements);
    }
}
