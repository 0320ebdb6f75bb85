package dev.foldout.internal.diff.schema;

import dev.foldout.Identifiers;

/** Builds the pieces of DDL text: quoted names and string literals. */
final class Sql {
    private Sql() {
    }

    static String q(String identifier) {
        return Identifiers.quote(identifier);
    }

    static String q(String schema, String name) {
        return Identifiers.quote(schema) + '.' + Identifiers.quote(name);
    }

    /** A standard-conforming string literal, or {@code NULL}. */
    static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a text value must not contain NUL characters");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}
