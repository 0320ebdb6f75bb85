package dev.foldout.internal.sql;

/**
 * The one place SQL identifiers are quoted. Every database, role or other name that reaches SQL text goes
 * through {@link #quote(String)}; values always travel as bind parameters.
 */
public final class Identifiers {
    private Identifiers() {
    }

    /** {@code "name"}, with embedded double quotes doubled. Rejects NUL, which PostgreSQL cannot hold. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier must not contain NUL characters");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
