package dev.foldout;

/**
 * The one place SQL identifiers are quoted, for Foldout and for the code built on it. Every database, role or other
 * name that reaches SQL text goes through {@link #quote(String)}; values always travel as bind parameters.
 */
public final class Identifiers {
    private Identifiers() {
    }

    /**
     * {@code "name"}, with embedded double quotes doubled; a name holding a control character (a line break, say) as
     * {@code U&"..."} with those characters escaped. Rejects NUL, which PostgreSQL cannot hold.
     */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier must not contain NUL characters");
        }
        boolean control = identifier.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f);
        if (!control) {
            return '"' + identifier.replace("\"", "\"\"") + '"';
        }
        // a line break or other control character is written as a Unicode escape, so that the name stays on one line
        StringBuilder out = new StringBuilder("U&\"");
        for (int i = 0; i < identifier.length(); i++) {
            char ch = identifier.charAt(i);
            if (ch == '"') {
                out.append("\"\"");
            } else if (ch == '\\') {
                out.append("\\\\");
            } else if (ch < 0x20 || ch == 0x7f) {
                out.append(String.format("\\%04X", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }
}
