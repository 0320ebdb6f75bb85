package dev.foldout.internal.ops;

import dev.foldout.SessionInfo;
import dev.foldout.Identifiers;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads and changes the databases of the cluster ({@code pg_database}, {@code pg_stat_activity}). */
public final class ClusterDatabases {
    private ClusterDatabases() {
    }

    /** A row of {@code pg_database}. */
    public record Row(String name, long oid, boolean allowConnections, boolean isTemplate, String owner) {
    }

    /** The database of that name, if it exists. */
    public static Optional<Row> find(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(c, "select d.datname, d.oid::bigint, d.datallowconn, d.datistemplate, pg_get_userbyid(d.datdba) "
                + "from pg_database d where d.datname = ?", rs -> new Row(rs.getString(1), rs.getLong(2), rs.getBoolean(3),
                rs.getBoolean(4), rs.getString(5)), name);
    }

    /** Whether a database of that name exists. */
    public static boolean exists(Connection c, String name) throws SQLException {
        return find(c, name).isPresent();
    }

    /** The client sessions connected to {@code database}, other than the caller's own. */
    public static List<SessionInfo> sessions(Connection c, String database) throws SQLException {
        return Jdbc.query(c, "select pid, usename, application_name, coalesce(host(client_addr), 'local'), state "
                + "from pg_stat_activity where datname = ? and pid <> pg_backend_pid() and backend_type = 'client backend' "
                + "order by pid", rs -> new SessionInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5)), database);
    }

    /** Sets {@code datallowconn}. */
    public static void allowConnections(Connection c, String database, boolean allow) throws SQLException {
        Jdbc.execute(c, "alter database " + Identifiers.quote(database) + " allow_connections " + allow);
    }

    /** Terminates one session; returns whether the signal was sent. */
    public static boolean terminate(Connection c, int pid) throws SQLException {
        return Jdbc.queryOne(c, "select pg_terminate_backend(?)", rs -> rs.getBoolean(1), pid).orElse(false);
    }

    /** Drops a database if it exists; with force, terminates its sessions first (PostgreSQL 13+). */
    public static void dropIfExists(Connection c, String database, boolean force) throws SQLException {
        Jdbc.execute(c, "drop database if exists " + Identifiers.quote(database) + (force ? " with (force)" : ""));
    }

    /**
     * Drops a restore's own copy (its temporary database, or the previous state it moved aside), terminating its
     * sessions; a template (the restored database was one, and the copy took the flag) is unmarked first, since
     * PostgreSQL drops no template.
     */
    public static void dropCopyIfExists(Connection c, String database) throws SQLException {
        if (find(c, database).map(Row::isTemplate).orElse(false)) {
            Jdbc.execute(c, "alter database " + Identifiers.quote(database) + " is_template false");
        }
        dropIfExists(c, database, true);
    }

    /** Renames a database. */
    public static void rename(Connection c, String from, String to) throws SQLException {
        Jdbc.execute(c, "alter database " + Identifiers.quote(from) + " rename to " + Identifiers.quote(to));
    }
}
