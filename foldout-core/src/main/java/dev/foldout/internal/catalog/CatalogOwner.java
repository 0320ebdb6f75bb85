package dev.foldout.internal.catalog;

import dev.foldout.Identifiers;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who the catalog belongs to. Every role that uses Foldout writes the catalog, and the checks that keep one role's
 * rows from turning Foldout against another (the author stamps) are triggers its owner could switch off: so the
 * catalog belongs to {@link #ROLE}, which no one logs in as, made by a superuser. A catalog owned by anyone else who
 * is not a superuser (made by an earlier Foldout by whichever role ran first) is not trusted until a superuser's
 * {@code foldout init} takes it over.
 */
public final class CatalogOwner {
    /** The role that owns the catalog database and everything in it: NOLOGIN, made by a superuser. */
    public static final String ROLE = "foldout_owner";

    private static final String OBJECTS = "select x.kind || ' ' || x.name, r.rolname::text from ("
            + "select 'database' as kind, quote_ident(datname) as name, datdba as owner from pg_database "
            + "where datname = current_database() "
            + "union all select 'schema', quote_ident(nspname), nspowner from pg_namespace where nspname = 'foldout' "
            + "union all select case c.relkind when 'S' then 'sequence' when 'v' then 'view' else 'table' end, "
            + "'foldout.' || quote_ident(c.relname), c.relowner from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            + "where n.nspname = 'foldout' and c.relkind in ('r', 'p', 'S', 'v') "
            + "union all select 'function', p.oid::regprocedure::text, p.proowner from pg_proc p "
            + "join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'foldout') x join pg_roles r on r.oid = x.owner "
            + "where r.rolname <> '" + ROLE + "' and not r.rolsuper order by 1";
    private static final String DISABLED = "select 'foldout.' || quote_ident(c.relname) from pg_trigger t "
            + "join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace "
            + "where n.nspname = 'foldout' and t.tgname = 'stamp_author' and t.tgenabled not in ('O', 'A') order by 1";

    private CatalogOwner() {
    }

    /** Whether the connected role is a superuser. */
    static boolean superuser(Connection c) throws SQLException {
        return Jdbc.queryOne(c, "select rolsuper from pg_roles where rolname = current_user", rs -> rs.getBoolean(1))
                .orElse(false);
    }

    /** Whether the connected role may act as {@link #ROLE} (a superuser, or a member a superuser made). */
    static boolean mayActAsOwner(Connection c) throws SQLException {
        return Jdbc.queryOne(c, "select coalesce((select pg_has_role(oid, 'MEMBER') from pg_roles where rolname = ?), false)",
                rs -> rs.getBoolean(1), ROLE).orElse(false);
    }

    /** Whether the catalog schema's objects belong to {@link #ROLE} (else to a superuser, from before it existed). */
    static boolean ownedByRole(Connection c) throws SQLException {
        return Jdbc.queryOne(c, "select pg_get_userbyid(nspowner) = ? from pg_namespace where nspname = 'foldout'",
                rs -> rs.getBoolean(1), ROLE).orElse(true);
    }

    /**
     * Why the catalog the connection is in cannot be trusted: what in it belongs to a role that is neither
     * {@link #ROLE} nor a superuser, or an author stamp switched off; empty when it can.
     */
    static Optional<String> untrusted(Connection c) throws SQLException {
        List<String[]> foreign = Jdbc.query(c, OBJECTS, rs -> new String[] {rs.getString(1), rs.getString(2)});
        if (!foreign.isEmpty()) {
            return Optional.of(foreign.get(0)[0] + " belongs to role '" + foreign.get(0)[1] + "'"
                    + (foreign.size() > 1 ? " (and " + (foreign.size() - 1) + " more objects to ordinary roles)" : ""));
        }
        List<String> off = Jdbc.query(c, DISABLED, rs -> rs.getString(1));
        return off.isEmpty() ? Optional.empty() : Optional.of("the author stamp of " + String.join(", ", off) + " is switched off");
    }

    /** Makes {@link #ROLE} if it does not exist; the connected role must be a superuser. Returns what it did. */
    static List<String> ensureRole(Connection c) throws SQLException {
        boolean exists = Jdbc.queryOne(c, "select 1 from pg_roles where rolname = ?", rs -> true, ROLE).isPresent();
        if (exists) {
            return List.of();
        }
        try {
            Jdbc.execute(c, "create role " + Identifiers.quote(ROLE) + " nologin");
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState())) { // made at the same moment by another process
                throw e;
            }
        }
        return List.of("made role " + ROLE + " (NOLOGIN), which owns the catalog");
    }

    /**
     * Gives everything in the catalog the connection is in to {@link #ROLE} and switches every author stamp on
     * again; the connected role must be a superuser. Returns one line per change.
     */
    static List<String> takeOver(Connection c) throws SQLException {
        List<String> done = new ArrayList<>();
        String owner = Identifiers.quote(ROLE);
        // tables first: a sequence a table's column owns follows its table, and cannot be given away by itself
        for (boolean sequences : new boolean[] {false, true}) {
            for (String[] o : Jdbc.query(c, OBJECTS.replace("and not r.rolsuper ", ""), rs -> new String[] {rs.getString(1),
                    rs.getString(2)})) {
                if (o[0].startsWith("sequence ") == sequences) {
                    // the object's text comes from quote_ident and regprocedure: already quoted by the server
                    Jdbc.execute(c, "alter " + o[0] + " owner to " + owner);
                    done.add("gave " + o[0] + " to " + ROLE + " (it belonged to role '" + o[1] + "')");
                }
            }
        }
        for (String table : Jdbc.query(c, DISABLED, rs -> rs.getString(1))) {
            Jdbc.execute(c, "alter table " + table + " enable trigger stamp_author");
            done.add("switched the author stamp of " + table + " on again");
        }
        // before PostgreSQL 15 every role may create objects in schema public, which the catalog's search path reads
        Jdbc.execute(c, "revoke create on schema public from public");
        if (!done.isEmpty()) {
            done.add("rows written while the catalog was not Foldout's own may be forged: check " + Fixes.REPAIR + ", "
                    + Fixes.BRANCHES + " and " + Fixes.SNAPSHOTS );
        }
        return done;
    }
}
