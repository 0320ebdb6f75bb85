package dev.foldout.diff;

import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a database holds, for comparing two of them in tests: per user table (by qualified name), an md5 of
 * every row's text (columns in name order, rows sorted), and the row count.
 */
public final class Contents {
    private Contents() {
    }

    public static Map<String, String> of(String database) {
        try (Connection c = TestPostgres.connect(database)) {
            return of(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the contents of " + database + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, String> of(Connection c) {
        Map<String, String> out = new TreeMap<>();
        try (Statement st = c.createStatement()) {
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select n.nspname, c.relname, (select string_agg(quote_ident(attname), ', ' "
                    + "order by attname) from pg_attribute where attrelid = c.oid and attnum > 0 and not attisdropped) "
                    + "from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') "
                    + "and not c.relispartition and n.nspname not in ('pg_catalog', 'information_schema') "
                    + "and n.nspname not like 'pg_toast%'")) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] t : tables) {
                String q = quote(t[0]) + "." + quote(t[1]);
                String cols = t[2] == null ? "" : t[2];
                try (ResultSet rs = st.executeQuery("select count(*) || ' ' || coalesce(md5(string_agg(r, E'\\n' order by r)), '') "
                        + "from (select row(" + cols + ")::text r from " + q + ") x")) {
                    rs.next();
                    out.put(t[0] + "." + t[1], rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the contents: " + e.getMessage(), e);
        }
        return out;
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
