package dev.foldout.internal.ops;

import dev.foldout.PermissionDeniedException;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

/** Checks, before anything changes, that the role has the rights an operation needs, and names the missing one. */
public final class Privileges {
    private Privileges() {
    }

    static void requireCreateDb(Connection c) throws SQLException {
        boolean ok = Jdbc.queryOne(c, "select rolcreatedb or rolsuper from pg_roles where rolname = current_user",
                rs -> rs.getBoolean(1)).orElse(false);
        if (!ok) {
            String role = Jdbc.string(c, "select current_user::text");
            throw new PermissionDeniedException("role '" + role + "' lacks CREATEDB, which every snapshot, branch and restore "
                    + "needs: run ALTER ROLE " + role + " CREATEDB as a superuser");
        }
    }

    /**
     * Instance branches act outside the database (they copy the data directory and run servers as its OS account), so
     * only a superuser may make, start, stop or delete them.
     */
    public static void requireSuperuser(Connection c, String what) throws SQLException {
        boolean ok = Jdbc.queryOne(c, "select rolsuper from pg_roles where rolname = current_user", rs -> rs.getBoolean(1))
                .orElse(false);
        if (!ok) {
            String role = Jdbc.string(c, "select current_user::text");
            throw new PermissionDeniedException(what + " needs a superuser, and role '" + role + "' is not one: connect as a "
                    + "superuser (instance branches copy the data directory and run servers on this host)");
        }
    }

    /** Copying, renaming or locking a database needs its owner (or a member of its owner role) or a superuser. */
    static void requireOwner(Connection c, ClusterDatabases.Row db) throws SQLException {
        boolean ok = Jdbc.queryOne(c, "select pg_has_role(current_user, ?::name, 'MEMBER') "
                + "or (select rolsuper from pg_roles where rolname = current_user)", rs -> rs.getBoolean(1), db.owner())
                .orElse(false);
        if (!ok) {
            throw new PermissionDeniedException("the role Foldout connects as may not copy or lock database \"" + db.name()
                    + "\": only its owner '" + db.owner() + "' or a superuser can - connect as one of them");
        }
    }
}
