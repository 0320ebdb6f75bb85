package dev.foldout.internal.diff.output;

/**
 * Finds where one SQL statement's text ends, as PostgreSQL's scanner does with {@code standard_conforming_strings}
 * on (apply sets it): string constants ({@code '...'}, {@code E'...'} with backslash escapes, {@code U&'...'}), quoted
 * identifiers, dollar-quoted strings and comments are skipped; a {@code ;} anywhere else ends the statement.
 */
final class StatementLexer {
    private StatementLexer() {
    }

    /**
     * The index of the first {@code ;} outside quotes and comments, -1 when there is none; an unclosed quote or
     * comment reads as running to the end (-1).
     */
    static int firstTerminator(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == ';') {
                return i;
            } else if (ch == '\'') {
                i = endOfString(sql, i + 1, escapes(sql, i));
            } else if (ch == '"') {
                i = endOfQuoted(sql, i + 1, '"');
            } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = endOfComment(sql, i + 2);
            } else if (ch == '$' && !identifierChar(sql, i - 1)) {
                i = endOfDollar(sql, i);
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Whether the quote at {@code at} opens an {@code E'...'} constant (the E not part of a longer word). */
    private static boolean escapes(String sql, int at) {
        return at > 0 && (sql.charAt(at - 1) == 'E' || sql.charAt(at - 1) == 'e') && !identifierChar(sql, at - 2);
    }

    private static int endOfString(String sql, int i, boolean backslashes) {
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (backslashes && ch == '\\') {
                i += 2;
            } else if (ch == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int endOfQuoted(String sql, int i, char quote) {
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static int endOfComment(String sql, int i) {
        int depth = 1;
        while (i < sql.length() && depth > 0) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                i++;
            }
        }
        return i;
    }

    /** Past a {@code $tag$...$tag$} string starting at {@code i}; a lone {@code $} (a parameter, say) is passed. */
    private static int endOfDollar(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && sql.charAt(j) != '$') {
            char ch = sql.charAt(j);
            boolean ok = Character.isLetter(ch) || ch == '_' || ch >= 0x80 || (j > i + 1 && Character.isDigit(ch));
            if (!ok) {
                return i + 1;
            }
            j++;
        }
        if (j >= sql.length()) {
            return i + 1;
        }
        String tag = sql.substring(i, j + 1);
        int close = sql.indexOf(tag, j + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }

    private static boolean identifierChar(String sql, int at) {
        if (at < 0) {
            return false;
        }
        char ch = sql.charAt(at);
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == '$' || ch >= 0x80;
    }
}
