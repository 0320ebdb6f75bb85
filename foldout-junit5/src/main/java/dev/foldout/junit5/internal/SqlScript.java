package dev.foldout.junit5.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an SQL script into statements at the semicolons that end them, as PostgreSQL reads them: semicolons
 * inside quoted strings ({@code '...'}, {@code E'...'}), quoted identifiers, dollar-quoted bodies
 * ({@code $fn$ ... $fn$}) and comments ({@code --}, nested {@code /* *}{@code /}) do not end a statement.
 * Each statement keeps the line it starts on, for error messages.
 */
public final class SqlScript {

    /** One statement of a script: its text (without the semicolon) and the 1-based line it starts on. */
    public record Statement(String sql, int line) {
    }

    private final String text;
    private final List<Statement> out = new ArrayList<>();
    private int pos;
    private int line = 1;

    private SqlScript(String text) {
        this.text = text;
    }

    /**
     * The statements of {@code text}; {@code name} is only used in the message of an unterminated quote or comment.
     *
     * @throws IllegalArgumentException naming the script and the line where the unterminated part starts
     */
    public static List<Statement> split(String name, String text) {
        SqlScript s = new SqlScript(text);
        s.run(name);
        return s.out;
    }

    private void run(String name) {
        StringBuilder current = new StringBuilder();
        int startLine = -1;
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            int from = pos;
            int fromLine = line;
            if (ch == ';') {
                pos++;
                add(current, startLine);
                current.setLength(0);
                startLine = -1;
                continue;
            }
            if (ch == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (ch == '/' && peek(1) == '*') {
                skipBlockComment(name, fromLine);
            } else if (ch == '\'') {
                skipQuoted(name, '\'', isEscapeString(from), fromLine);
            } else if (ch == '"') {
                skipQuoted(name, '"', false, fromLine);
            } else if (ch == '$' && dollarTag() != null) {
                skipDollar(name, dollarTag(), fromLine);
            } else {
                advance();
            }
            String piece = text.substring(from, pos);
            boolean comment = piece.startsWith("--") || piece.startsWith("/*");
            if (startLine < 0 && !comment && !piece.isBlank()) {
                startLine = fromLine;
            }
            if (startLine >= 0) {
                current.append(piece);
            }
        }
        add(current, startLine);
    }

    private void add(StringBuilder current, int startLine) {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            out.add(new Statement(sql, startLine));
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }

    private void skipLineComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment(String name, int startLine) {
        int depth = 0;
        while (pos < text.length()) {
            if (text.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (text.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                advance();
            }
        }
        throw unterminated(name, "comment (/*)", startLine);
    }

    private boolean isEscapeString(int quoteAt) {
        if (quoteAt == 0 || Character.toUpperCase(text.charAt(quoteAt - 1)) != 'E') {
            return false;
        }
        return quoteAt == 1 || !isIdentChar(text.charAt(quoteAt - 2));
    }

    private void skipQuoted(String name, char quote, boolean backslashEscapes, int startLine) {
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos++;
                if (pos < text.length()) {
                    advance();
                }
            } else if (c == quote) {
                pos++;
                if (peek(0) != quote) {
                    return;
                }
                pos++;
            } else {
                advance();
            }
        }
        throw unterminated(name, quote == '\'' ? "string (')" : "quoted identifier (\")", startLine);
    }

    /** The dollar-quote tag starting at {@code pos} ({@code $$} or {@code $name$}), or null (e.g. {@code $1}). */
    private String dollarTag() {
        if (pos > 0 && isIdentChar(text.charAt(pos - 1))) {
            return null;
        }
        int i = pos + 1;
        while (i < text.length() && text.charAt(i) != '$') {
            char c = text.charAt(i);
            boolean ok = Character.isLetter(c) || c == '_' || (i > pos + 1 && Character.isDigit(c));
            if (!ok) {
                return null;
            }
            i++;
        }
        return i < text.length() ? text.substring(pos, i + 1) : null;
    }

    private void skipDollar(String name, String tag, int startLine) {
        pos += tag.length();
        int end = text.indexOf(tag, pos);
        if (end < 0) {
            throw unterminated(name, "dollar-quoted string (" + tag + ")", startLine);
        }
        while (pos < end + tag.length()) {
            advance();
        }
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static IllegalArgumentException unterminated(String name, String what, int line) {
        return new IllegalArgumentException("SQL script " + name + " line " + line + ": unterminated " + what
                + " - close it, or the rest of the script is read as part of it");
    }
}
