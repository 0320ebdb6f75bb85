package dev.foldout.internal.diff.output;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements a diff file may hold, checked before apply runs any: exactly one statement per line (no second one
 * after a {@code ;}, so no {@code COMMIT} slipped in), and only the kinds {@link SqlWriter} writes — schema changes
 * (CREATE, ALTER, DROP, COMMENT ON, GRANT/REVOKE on objects, a sequence's {@code setval}, a multi-line statement
 * run through {@code DO ... EXECUTE}, {@code check_function_bodies} off), and between the two {@code session_replication_role} lines, only INSERT, UPDATE
 * and DELETE. Transaction control, settings, roles, databases, tablespaces and the server's configuration are never
 * part of a diff, whatever its trailer says.
 */
public final class DiffGrammar {
    private static final Set<String> SCHEMA_VERBS = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE");
    /** What a diff never creates, alters or drops: it changes one database's contents only. */
    private static final Set<String> FOREIGN_OBJECTS = Set.of("DATABASE", "ROLE", "USER", "GROUP", "SYSTEM",
            "TABLESPACE", "SUBSCRIPTION");
    private static final Pattern SETVAL = Pattern.compile(
            "SELECT pg_catalog\\.setval\\('(?:[^']|'')*'::regclass, -?\\d{1,20}, (?:true|false)\\);");
    private static final Pattern DO_EXECUTE = Pattern.compile("DO (\\$fld\\d*\\$) BEGIN EXECUTE (E?'.*'); END \\1;");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");
    /** The one setting a schema change sets: function bodies are created before what they use. */
    private static final String FUNCTION_BODIES = "SET LOCAL check_function_bodies = false;";

    private DiffGrammar() {
    }

    /** Why {@code statement} is no statement of a diff, or empty when it is one; {@code inRows}: between the row lines. */
    public static Optional<String> problem(String statement, boolean inRows) {
        int end = StatementLexer.firstTerminator(statement);
        if (end != statement.length() - 1) {
            return Optional.of("it holds more than one statement, or a quote or comment that does not close");
        }
        if (inRows) {
            boolean row = statement.startsWith("INSERT INTO ") || statement.startsWith("UPDATE ")
                    || statement.startsWith("DELETE FROM ");
            return row ? Optional.empty() : Optional.of("only INSERT, UPDATE and DELETE run between the row lines");
        }
        return schemaProblem(statement, true);
    }

    private static Optional<String> schemaProblem(String statement, boolean outer) {
        if (SETVAL.matcher(statement).matches() || outer && statement.equals(FUNCTION_BODIES)) {
            return Optional.empty();
        }
        Matcher wrapped = DO_EXECUTE.matcher(statement);
        if (outer && wrapped.matches()) {
            String inner = SqlLiteral.parse(wrapped.group(2));
            if (inner == null) {
                return Optional.of("its DO block does not execute one string constant");
            }
            String one = inner.strip() + ";";
            int end = StatementLexer.firstTerminator(one);
            if (end != one.length() - 1) {
                return Optional.of("its DO block executes more than one statement");
            }
            return schemaProblem(one, false).map(why -> "its DO block executes a statement that " + why.substring(3));
        }
        String[] words = leadingWords(statement);
        String verb = words[0];
        if (!SCHEMA_VERBS.contains(verb)) {
            return Optional.of("it is " + (verb.isEmpty() ? "no" : "a " + verb) + " statement, which no diff holds "
                    + "outside its rows");
        }
        if (verb.equals("COMMENT") && !words[1].equals("ON")) {
            return Optional.of("it is a COMMENT that is not COMMENT ON");
        }
        if ((verb.equals("GRANT") || verb.equals("REVOKE")) && !statement.contains(" ON ")) {
            return Optional.of("it grants or revokes a role, which no diff does");
        }
        if (verb.equals("CREATE") || verb.equals("ALTER") || verb.equals("DROP")) {
            if (FOREIGN_OBJECTS.contains(words[1])) {
                return Optional.of("it is " + verb + " " + words[1] + ", which no diff holds");
            }
        }
        return Optional.empty();
    }

    /** The first two words, upper-cased; empty strings where there are none. */
    private static String[] leadingWords(String statement) {
        String[] out = {"", ""};
        Matcher m = WORD.matcher(statement);
        int at = 0;
        for (int i = 0; i < 2 && m.find(at) && m.start() == at; i++) {
            out[i] = m.group().toUpperCase(Locale.ROOT);
            at = m.end();
            while (at < statement.length() && statement.charAt(at) == ' ') {
                at++;
            }
        }
        return out;
    }
}
