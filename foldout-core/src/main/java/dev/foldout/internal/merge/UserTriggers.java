package dev.foldout.internal.merge;

import dev.foldout.Identifiers;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a table's own triggers from firing a second time while the merge writes rows the branch's triggers already
 * shaped: each enabled user trigger is disabled inside the merge's transaction and enabled again, as it was, before
 * it commits. Foreign keys, unique and check constraints are not triggers of this kind and stay on.
 */
final class UserTriggers {
    private final Connection c;
    private final List<String[]> disabled = new ArrayList<>();

    UserTriggers(Connection c) {
        this.c = c;
    }

    /** Disables the enabled user triggers of table {@code schema.table}. */
    void disable(String schema, String table) throws SQLException {
        String qt = Identifiers.quote(schema) + "." + Identifiers.quote(table);
        List<String[]> found = Jdbc.query(c, "select t.tgname::text, t.tgenabled::text from pg_catalog.pg_trigger t "
                + "join pg_catalog.pg_class r on r.oid = t.tgrelid join pg_catalog.pg_namespace n on n.oid = r.relnamespace "
                + "where n.nspname = ? and r.relname = ? and not t.tgisinternal and t.tgenabled <> 'D' and t.tgparentid = 0",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, schema, table);
        for (String[] t : found) {
            Jdbc.execute(c, "ALTER TABLE " + qt + " DISABLE TRIGGER " + Identifiers.quote(t[0]));
            disabled.add(new String[] {qt, t[0], t[1]});
        }
    }

    /** Enables every trigger {@link #disable} disabled, in the mode it had. */
    void restore() throws SQLException {
        for (String[] t : disabled) {
            String mode = switch (t[2]) {
                case "A" -> "ENABLE ALWAYS";
                case "R" -> "ENABLE REPLICA";
                default -> "ENABLE";
            };
            Jdbc.execute(c, "ALTER TABLE " + t[0] + " " + mode + " TRIGGER " + Identifiers.quote(t[1]));
        }
        disabled.clear();
    }
}
