package dev.foldout.internal.merge;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one schema statement of a diff changes, finer than its object: for {@code ALTER TABLE} statements the column
 * they touch, so that two sides that add or change different columns of one table do not conflict. Statements are
 * read as the schema diff writes them: {@code ALTER TABLE "schema"."table" ADD|ALTER|DROP|RENAME COLUMN "c" ...}.
 *
 * @param kind   the object's kind ({@code table}, {@code index}, ...)
 * @param name   the object's qualified name
 * @param column the column touched, or empty
 * @param setval whether it is a sequence's {@code setval}, merged by value rather than compared
 */
record StatementTarget(String kind, String name, String column, boolean setval) {
    private static final String IDENT = "\"(?:[^\"]|\"\")*\"";
    private static final Pattern ALTER_COLUMN = Pattern.compile("^ALTER TABLE (?:ONLY )?" + IDENT + "\\." + IDENT
            + " (ADD|ALTER|DROP|RENAME) COLUMN (?:IF EXISTS )?(" + IDENT + ")", Pattern.DOTALL);
    private static final Pattern SETVAL = Pattern.compile("^SELECT pg_catalog\\.setval\\(('(?:[^']|'')*')::regclass, "
            + "(-?[0-9]+), (true|false)\\);$", Pattern.DOTALL);

    /** The target of {@code sql}, a statement of object {@code kind} {@code name}. */
    static StatementTarget of(String kind, String name, String sql) {
        Matcher m = ALTER_COLUMN.matcher(sql);
        if ("table".equals(kind) && m.find()) {
            return new StatementTarget(kind, name, unquote(m.group(2)), false);
        }
        return new StatementTarget(kind, name, "", SETVAL.matcher(sql).matches());
    }

    /** Whether the statement drops the column it touches. */
    static boolean dropsColumn(String sql) {
        Matcher m = ALTER_COLUMN.matcher(sql);
        return m.find() && m.group(1).equals("DROP");
    }

    /** Whether the statement adds the column it touches. */
    static boolean addsColumn(String sql) {
        Matcher m = ALTER_COLUMN.matcher(sql);
        return m.find() && m.group(1).equals("ADD");
    }

    /**
     * A {@code setval} made safe for a merge: the sequence moves to the branch's position only when the parent's is
     * behind it, so that neither side's values are handed out again. Empty for any other statement, or a setval that
     * resets a sequence the branch never used.
     */
    static Optional<String> mergedSetval(String sql) {
        Matcher m = SETVAL.matcher(sql);
        if (!m.matches() || m.group(3).equals("false")) {
            return Optional.empty();
        }
        String seq = m.group(1) + "::regclass";
        String value = m.group(2);
        return Optional.of("SELECT pg_catalog.setval(" + seq + ", " + value + ", true) WHERE coalesce("
                + "pg_catalog.pg_sequence_last_value(" + seq + ") < " + value + ", true);");
    }

    /** The object (and column) as a conflict names it. */
    String display() {
        return kind + " " + name + (column.isEmpty() ? "" : " column " + column);
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
    }
}
