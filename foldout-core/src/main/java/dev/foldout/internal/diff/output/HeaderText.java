package dev.foldout.internal.diff.output;

/**
 * A name as a diff's header line holds it: on one line, a backslash written {@code \\}, a line break or other control
 * character as {@code \n}, {@code \r} or {@code \xHH}; any other name as it is. Read back exactly.
 */
final class HeaderText {
    private HeaderText() {
    }

    static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '\\') {
                out.append("\\\\");
            } else if (ch == '\n') {
                out.append("\\n");
            } else if (ch == '\r') {
                out.append("\\r");
            } else if (ch < 0x20 || ch == 0x7f) {
                out.append(String.format("\\x%02X", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** The name {@link #escape} wrote; null when {@code text} holds an escape it never writes. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch != '\\') {
                out.append(ch);
                continue;
            }
            if (i + 1 >= text.length()) {
                return null;
            }
            char e = text.charAt(++i);
            if (e == '\\') {
                out.append('\\');
            } else if (e == 'n') {
                out.append('\n');
            } else if (e == 'r') {
                out.append('\r');
            } else if (e == 'x' && i + 2 < text.length() && text.substring(i + 1, i + 3).matches("[0-9A-F]{2}")) {
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                return null;
            }
        }
        return out.toString();
    }
}
