package dev.foldout.internal.diff;

import dev.foldout.internal.Fixes;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the foreign keys a diff's rows could break. The rows run with {@code session_replication_role = replica}
 * (the parent's user triggers must not fire a second time, and rows come parents first, deletions included), which
 * also skips foreign-key checks; so before the transaction commits, every foreign key into or out of a table the
 * diff wrote is checked in one anti-join each, and a row that references a missing key refuses the whole diff.
 */
final class ForeignKeys {
    private static final String IDENT = "\"(?:[^\"]|\"\")*\"";
    private static final Pattern WRITTEN = Pattern.compile("^(?:INSERT INTO|UPDATE (?:ONLY )?|DELETE FROM (?:ONLY )?)\\s*("
            + IDENT + "\\." + IDENT + ")");

    private ForeignKeys() {
    }

    /** The table a row statement writes, as its quoted, qualified name; null for any other statement. */
    static String written(String statement) {
        Matcher m = WRITTEN.matcher(statement);
        return m.find() ? m.group(1) : null;
    }

    /** Refuses, naming the constraint and the table, when a foreign key into or out of {@code tables} is broken. */
    static void check(Connection c, Set<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        String[] names = tables.toArray(String[]::new);
        List<String[]> checks = Jdbc.query(c, "select k.conname::text, k.conrelid::regclass::text, k.confrelid::regclass::text, "
                + "rc.relkind::text, pc.relkind::text, "
                + "(select string_agg('c.' || quote_ident(a.attname) || ' is not null', ' and ' order by x.n) "
                + "   from unnest(k.conkey) with ordinality x(att, n) join pg_attribute a on a.attrelid = k.conrelid "
                + "   and a.attnum = x.att), "
                + "(select string_agg('p.' || quote_ident(pa.attname) || ' = c.' || quote_ident(ca.attname), ' and ' order by x.n) "
                + "   from unnest(k.conkey, k.confkey) with ordinality x(catt, patt, n) "
                + "   join pg_attribute ca on ca.attrelid = k.conrelid and ca.attnum = x.catt "
                + "   join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = x.patt) "
                + "from pg_constraint k join pg_class rc on rc.oid = k.conrelid join pg_class pc on pc.oid = k.confrelid "
                + "where k.contype = 'f' and k.conparentid = 0 and (k.conrelid in (select to_regclass(t) from unnest(?::text[]) t) "
                + "or k.confrelid in (select to_regclass(t) from unnest(?::text[]) t))",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)}, names, names);
        for (String[] k : checks) {
            String sql = "select 1 from " + (k[3].equals("p") ? "" : "only ") + k[1] + " c where " + k[5]
                    + " and not exists (select 1 from " + (k[4].equals("p") ? "" : "only ") + k[2] + " p where " + k[6]
                    + ") limit 1";
            if (Jdbc.queryOne(c, sql, rs -> true).orElse(false)) {
                throw new SQLException("the diff's rows break foreign key " + k[0] + " of " + k[1] + ": a row there references "
                        + "a key missing from " + k[2] + " (rows the parent changed since the branch?) - " + Fixes.MERGE + " "
                        + "names such conflicts", "23503");
            }
        }
    }

    /** Collects the tables of row statements. */
    static final class Collector {
        private final Set<String> tables = new LinkedHashSet<>();

        void add(String statement) {
            String t = written(statement);
            if (t != null) {
                tables.add(t);
            }
        }

        Set<String> tables() {
            return tables;
        }
    }
}
