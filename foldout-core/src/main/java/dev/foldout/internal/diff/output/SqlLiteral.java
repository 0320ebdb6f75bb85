package dev.foldout.internal.diff.output;

/**
 * Writes a value's text as a SQL string literal on one line: {@code 'text'} with quotes doubled, or, when the
 * text holds a backslash or a control character (a newline, say), {@code E'...'} with escapes. Both read back as
 * exactly the same text whatever {@code standard_conforming_strings} says. NULL is {@code NULL}.
 */
public final class SqlLiteral {
    private SqlLiteral() {
    }

    /** The literal for {@code text}; {@code NULL} for null. */
    public static String of(String text) {
        if (text == null) {
            return "NULL";
        }
        boolean plain = true;
        for (int i = 0; i < text.length() && plain; i++) {
            char ch = text.charAt(i);
            plain = ch != '\\' && ch >= 0x20 && ch != 0x7f;
        }
        if (plain) {
            return "'" + text.replace("'", "''") + "'";
        }
        StringBuilder b = new StringBuilder(text.length() + 8).append("E'");
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("''");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format("\\x%02X", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }

    /**
     * The text of a literal {@link #of} writes ({@code '...'} or {@code E'...'}); null when {@code literal} is not one
     * (unknown escapes, a quote not doubled, text after the closing quote).
     */
    static String parse(String literal) {
        boolean escapes = literal.startsWith("E'");
        int start = escapes ? 2 : 1;
        if (literal.length() < start + 1 || literal.charAt(start - 1) != '\'' || !literal.endsWith("'")) {
            return null;
        }
        StringBuilder out = new StringBuilder(literal.length());
        int end = literal.length() - 1;
        for (int i = start; i < end; i++) {
            char ch = literal.charAt(i);
            if (ch == '\'') {
                if (i + 1 >= end || literal.charAt(i + 1) != '\'') {
                    return null;
                }
                out.append('\'');
                i++;
            } else if (ch == '\\' && escapes) {
                if (i + 1 >= end) {
                    return null;
                }
                char e = literal.charAt(++i);
                switch (e) {
                    case '\\' -> out.append('\\');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'x' -> {
                        if (i + 2 >= end || !literal.substring(i + 1, i + 3).matches("[0-9A-Fa-f]{2}")) {
                            return null;
                        }
                        out.append((char) Integer.parseInt(literal.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> {
                        return null;
                    }
                }
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /**
     * {@code statement} on one line: as it is if it has no line break, else run through {@code EXECUTE} of a
     * literal inside a {@code DO} block, which keeps its text (a function body, say) exactly.
     */
    public static String oneLine(String statement) {
        if (statement.indexOf('\n') < 0 && statement.indexOf('\r') < 0) {
            return statement;
        }
        String body = statement.strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        String tag = "$fld$";
        for (int n = 1; statement.contains(tag); n++) {
            tag = "$fld" + n + "$";
        }
        return "DO " + tag + " BEGIN EXECUTE " + of(body) + "; END " + tag + ";";
    }
}
