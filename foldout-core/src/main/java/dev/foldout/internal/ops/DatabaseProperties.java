package dev.foldout.internal.ops;

import dev.foldout.PermissionDeniedException;
import dev.foldout.Identifiers;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a database is apart from its contents, which a copy does not carry: its owner, grants ({@code datacl}),
 * per-database and per-role-in-database settings ({@code pg_db_role_setting}), comment, connection limit and whether
 * it is a template. A restore reads them from the database it replaces and gives them to the copy before the copy
 * takes the name. (Encoding, locale and tablespace come with the copy: they are the snapshot's, taken of the same
 * database.)
 *
 * @param owner      the owning role
 * @param grants     the privileges granted, the owner's own included (grantors are not kept: the owner grants them again)
 * @param settings   {@code ALTER DATABASE … SET} and {@code ALTER ROLE … IN DATABASE … SET} values
 * @param comment    {@code COMMENT ON DATABASE}, if any
 * @param connLimit  {@code CONNECTION LIMIT}, -1 for none
 * @param template   {@code IS_TEMPLATE}
 */
record DatabaseProperties(String owner, Set<Grant> grants, List<Setting> settings, Optional<String> comment, int connLimit,
                          boolean template) {
    /** The privileges a database has ({@code aclexplode} spells them so). */
    private static final Set<String> PRIVILEGES = Set.of("CREATE", "TEMPORARY", "CONNECT");

    /**
     * One privilege held.
     *
     * @param grantee   the role, empty for PUBLIC
     * @param privilege CREATE, TEMPORARY or CONNECT
     * @param grantable held with grant option
     */
    record Grant(String grantee, String privilege, boolean grantable) {
    }

    /**
     * One setting.
     *
     * @param role  the role it applies to in this database, empty for every role
     * @param name  the setting's name
     * @param value its value as PostgreSQL stores it
     */
    record Setting(String role, String name, String value) {
    }

    /** Validates the record. */
    DatabaseProperties {
        grants = Set.copyOf(grants);
        settings = List.copyOf(settings);
    }

    /** The properties of database {@code name}, which exists. */
    static DatabaseProperties read(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(c, "select pg_get_userbyid(d.datdba), shobj_description(d.oid, 'pg_database'), d.datconnlimit, "
                + "d.datistemplate from pg_database d where d.datname = ?", rs -> new DatabaseProperties(rs.getString(1),
                grants(c, name), settings(c, name), Optional.ofNullable(rs.getString(2)), rs.getInt(3), rs.getBoolean(4)), name)
                .orElseThrow(() -> new SQLException("database \"" + name + "\" does not exist", "3D000"));
    }

    private static Set<Grant> grants(Connection c, String name) throws SQLException {
        return new HashSet<>(Jdbc.query(c, "select case when a.grantee = 0 then '' else pg_get_userbyid(a.grantee) end, "
                + "a.privilege_type, a.is_grantable from pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a "
                + "where d.datname = ?", rs -> new Grant(rs.getString(1), rs.getString(2), rs.getBoolean(3)), name));
    }

    private static List<Setting> settings(Connection c, String name) throws SQLException {
        return Jdbc.query(c, "select coalesce(pg_get_userbyid(nullif(s.setrole, 0)), ''), split_part(v, '=', 1), "
                + "substr(v, strpos(v, '=') + 1) from pg_database d join pg_db_role_setting s on s.setdatabase = d.oid, "
                + "unnest(s.setconfig) with ordinality as u(v, n) where d.datname = ? order by s.setrole, u.n",
                rs -> new Setting(rs.getString(1), rs.getString(2), rs.getString(3)), name);
    }

    /**
     * Gives these properties to database {@code target} (a fresh copy nobody uses yet). A property the connected role
     * may not give (a setting only a superuser may make) stops it with a message that names it and the fix.
     */
    void applyTo(Connection c, String target, String replaced) throws SQLException {
        String db = Identifiers.quote(target);
        DatabaseProperties now = read(c, target);
        if (!now.owner.equals(owner)) {
            run(c, "alter database " + db + " owner to " + Identifiers.quote(owner), replaced, "its owner '" + owner + "'");
        }
        Set<Grant> held = grants(c, target);
        for (Grant g : held) {
            if (!grants.contains(g)) {
                run(c, (g.grantable && grants.contains(new Grant(g.grantee, g.privilege, false)) ? "revoke grant option for "
                        : "revoke ") + privilege(g) + " on database " + db + " from " + grantee(g) + " cascade", replaced,
                        "its grants");
            }
        }
        for (Grant g : grants) {
            if (!held.contains(g)) {
                run(c, "grant " + privilege(g) + " on database " + db + " to " + grantee(g)
                        + (g.grantable ? " with grant option" : ""), replaced, "its grants");
            }
        }
        for (Setting s : settings) {
            String values = String.join(", ", quoted(c, GucValues.elements(s.name, s.value)));
            String sql = (s.role.isEmpty() ? "alter database " + db : "alter role " + Identifiers.quote(s.role)
                    + " in database " + db) + " set " + Identifiers.quote(s.name) + " = " + values;
            run(c, sql, replaced, "its setting " + s.name + " = " + s.value + (s.role.isEmpty() ? "" : " for role '" + s.role + "'"));
        }
        if (comment.isPresent()) {
            run(c, "comment on database " + db + " is " + quoted(c, List.of(comment.get())).get(0), replaced, "its comment");
        }
        if (connLimit != now.connLimit) {
            run(c, "alter database " + db + " connection limit " + connLimit, replaced, "its connection limit");
        }
        if (template) {
            run(c, "alter database " + db + " is_template true", replaced, "its IS_TEMPLATE flag");
        }
    }

    private static String privilege(Grant g) {
        if (!PRIVILEGES.contains(g.privilege)) {
            throw new IllegalStateException("unknown database privilege " + g.privilege);
        }
        return g.privilege;
    }

    private static String grantee(Grant g) {
        return g.grantee.isEmpty() ? "public" : Identifiers.quote(g.grantee);
    }

    /**
     * Values as SQL literals, quoted by the server ({@code quote_literal}) from bind parameters: the statements that take
     * them ({@code ALTER DATABASE … SET}, {@code COMMENT}) are utility statements, which take no parameters.
     */
    private static List<String> quoted(Connection c, List<String> values) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        for (String v : values) {
            out.add(Jdbc.string(c, "select quote_literal(?::text)", v));
        }
        return out;
    }

    private static void run(Connection c, String sql, String replaced, String what) throws SQLException {
        try {
            Jdbc.execute(c, sql);
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
            String role = Jdbc.string(c, "select current_user::text");
            throw new PermissionDeniedException("restoring \"" + replaced + "\" would lose " + what + ", which role '" + role
                    + "' may not give the restored database (" + firstLine(e.getMessage()) + "); nothing was changed - run "
                    + "the restore as a superuser", e);
        }
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public String toString() {
        return "DatabaseProperties[owner=" + owner + ", grants=" + grants.stream().map(Grant::toString)
                .collect(Collectors.joining(", ")) + ", settings=" + settings.size() + "]";
    }
}
