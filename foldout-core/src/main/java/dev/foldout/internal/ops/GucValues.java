package dev.foldout.internal.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a per-database setting, as {@code pg_db_role_setting} stores it ({@code name=value}), is given back to
 * {@code ALTER DATABASE … SET}: as pg_dump does, the value of a list setting whose elements PostgreSQL quotes
 * ({@code search_path} and a few others) is split into its elements, each its own literal; any other value is one
 * literal. Given as one literal, {@code "$user", public} would become a single schema name.
 */
final class GucValues {
    /** The settings PostgreSQL flags {@code GUC_LIST_QUOTE}, as pg_dump lists them. */
    private static final Set<String> LIST_QUOTE = Set.of("local_preload_libraries", "search_path",
            "session_preload_libraries", "shared_preload_libraries", "temp_tablespaces", "unix_socket_directories");

    private GucValues() {
    }

    /** The values to quote one by one and join with {@code ", "} after {@code name =}. */
    static List<String> elements(String name, String value) {
        if (!LIST_QUOTE.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return List.of(value);
        }
        return split(value).orElse(List.of(value));
    }

    /**
     * PostgreSQL's {@code SplitGUCList}: elements separated by commas and optional white space, each either bare (kept
     * as it is) or double-quoted with {@code ""} for a quote; empty when the text is not such a list.
     */
    static Optional<List<String>> split(String text) {
        List<String> out = new ArrayList<>();
        int i = skipSpace(text, 0);
        if (i == text.length()) {
            return Optional.of(out);
        }
        while (true) {
            StringBuilder element = new StringBuilder();
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        return Optional.empty(); // no closing quote
                    }
                    char ch = text.charAt(i++);
                    if (ch == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            element.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        element.append(ch);
                    }
                }
                if (element.length() == 0) {
                    return Optional.empty(); // PostgreSQL allows no empty quoted name
                }
            } else {
                while (i < text.length() && text.charAt(i) != ',' && !Character.isWhitespace(text.charAt(i))) {
                    element.append(text.charAt(i++));
                }
                if (element.length() == 0) {
                    return Optional.empty();
                }
            }
            out.add(element.toString());
            i = skipSpace(text, i);
            if (i == text.length()) {
                return Optional.of(out);
            }
            if (text.charAt(i) != ',') {
                return Optional.empty();
            }
            i = skipSpace(text, i + 1);
            if (i == text.length()) {
                return Optional.empty(); // a trailing comma
            }
        }
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
