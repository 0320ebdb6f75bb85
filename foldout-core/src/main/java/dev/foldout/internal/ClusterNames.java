package dev.foldout.internal;

import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

/** Whether a name is taken by a database or a catalog entry. */
final class ClusterNames {
    private ClusterNames() {
    }

    static boolean taken(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(c, "select 1 from pg_database where datname = ? union all select 1 from foldout.refs where name = ?",
                rs -> Boolean.TRUE, name, name).isPresent();
    }
}
