package dev.foldout.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The settings that decide how values read as text look and how text written back is read: Foldout carries every
 * value as text, so the connections it reads with and the transactions it writes in use the same ones, whatever a
 * database, role or server sets (a {@code DateStyle} of {@code SQL, DMY} prints 03/12/2026 for 3 December, which
 * {@code MDY} reads as 12 March; an {@code IntervalStyle} of {@code sql_standard} prints {@code -1 2:03:04} for
 * minus one day and minus 2:03:04, which {@code postgres} reads as minus one day plus 2:03:04).
 */
public final class TextSettings {
    /** Each setting with the value Foldout uses. */
    private static final String[][] PINNED = {
        {"datestyle", "ISO, MDY"},
        {"intervalstyle", "postgres"},
        {"extra_float_digits", "3"},
        {"bytea_output", "hex"},
        {"timezone", "UTC"},
        // a diff file is checked for one statement a line by reading its quotes as apply's server reads them
        {"standard_conforming_strings", "on"}};

    private TextSettings() {
    }

    /** For the whole session of a connection that reads (set once, with its other session settings). */
    public static String sessionSql() {
        return sql("set ");
    }

    /** For the current transaction only, to run with other statements in one round trip. */
    public static String localSql() {
        return sql("set local ");
    }

    /** Sets them for the current transaction of {@code c}, which writes values Foldout read as text. */
    public static void inTransaction(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql("set local "));
        }
    }

    private static String sql(String verb) {
        StringBuilder out = new StringBuilder();
        for (String[] s : PINNED) {
            out.append(verb).append(s[0]).append(" = '").append(s[1]).append("'; ");
        }
        return out.toString();
    }
}
