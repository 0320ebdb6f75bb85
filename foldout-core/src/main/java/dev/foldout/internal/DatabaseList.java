package dev.foldout.internal;

import dev.foldout.DatabaseInfo;
import dev.foldout.RefKind;
import dev.foldout.internal.catalog.CatalogDatabase;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.sql.Jdbc;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the cluster's databases, marking those Foldout made, after repairing what dead processes left. */
final class DatabaseList {
    private static final String SELECT = "select d.datname, d.oid::bigint, case when has_database_privilege(d.oid, 'CONNECT') "
            + "then pg_database_size(d.oid) else -1 end, d.datallowconn from pg_database d "
            + "where d.datname not in ('template0', 'template1', '" + CatalogDatabase.NAME + "') "
            + "and d.datname not in (select base_name from foldout.refs where starts_with(base_name, '"
            + dev.foldout.internal.catalog.BaseStore.PREFIX + "')) "; // merge bases are hidden; only names Foldout gives them

    private DatabaseList() {
    }

    static List<DatabaseInfo> all(Session s) {
        Repairs.beforeRead(s);
        return s.read("listing databases", c -> {
            Map<String, RefKind> kinds = RefStore.kinds(c);
            return Jdbc.query(c, SELECT + "order by d.datname", rs -> new DatabaseInfo(rs.getString(1), rs.getLong(2),
                    rs.getLong(3), rs.getBoolean(4), Optional.ofNullable(kinds.get(rs.getString(1)))));
        });
    }

    static Optional<DatabaseInfo> find(Session s, String name) {
        Repairs.beforeRead(s);
        return s.read("reading database \"" + name + "\"", c -> {
            Map<String, RefKind> kinds = RefStore.kinds(c);
            return Jdbc.queryOne(c, SELECT + "and d.datname = ?", rs -> new DatabaseInfo(rs.getString(1), rs.getLong(2),
                    rs.getLong(3), rs.getBoolean(4), Optional.ofNullable(kinds.get(rs.getString(1)))), name);
        });
    }
}
