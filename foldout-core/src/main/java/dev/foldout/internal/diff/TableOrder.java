package dev.foldout.internal.diff;

import dev.foldout.internal.diff.schema.TableMapping;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders tables so that a table comes after the tables its foreign keys reference (on the desired side); a
 * cycle keeps the catalog's order. The DML also runs with user triggers and foreign-key triggers off
 * ({@code session_replication_role = replica}), so the order is what a reader expects rather than a need.
 */
final class TableOrder {
    private TableOrder() {
    }

    static List<TableMapping> parentsFirst(Connection to, List<TableMapping> tables) throws SQLException {
        Map<Long, TableMapping> byOid = new LinkedHashMap<>();
        tables.forEach(t -> byOid.put(t.toOid(), t));
        Map<Long, Set<Long>> references = new HashMap<>();
        for (long[] fk : Jdbc.query(to, "select coalesce(pr.oid, c.conrelid), coalesce(pf.oid, c.confrelid) "
                + "from pg_constraint c left join lateral (select a.oid from pg_partition_ancestors(c.conrelid) x(oid) "
                + "join pg_class a on a.oid = x.oid and not a.relispartition) pr on true "
                + "left join lateral (select a.oid from pg_partition_ancestors(c.confrelid) x(oid) "
                + "join pg_class a on a.oid = x.oid and not a.relispartition) pf on true where c.contype = 'f'",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)})) {
            if (fk[0] != fk[1]) {
                references.computeIfAbsent(fk[0], k -> new LinkedHashSet<>()).add(fk[1]);
            }
        }
        List<TableMapping> out = new ArrayList<>();
        Set<Long> done = new LinkedHashSet<>();
        Set<Long> visiting = new LinkedHashSet<>();
        for (Long oid : byOid.keySet()) {
            visit(oid, byOid, references, done, visiting, out);
        }
        return out;
    }

    private static void visit(Long oid, Map<Long, TableMapping> byOid, Map<Long, Set<Long>> references, Set<Long> done,
                              Set<Long> visiting, List<TableMapping> out) {
        if (done.contains(oid) || !visiting.add(oid)) {
            return;
        }
        for (Long parent : references.getOrDefault(oid, Set.of())) {
            if (byOid.containsKey(parent)) {
                visit(parent, byOid, references, done, visiting, out);
            }
        }
        visiting.remove(oid);
        done.add(oid);
        out.add(byOid.get(oid));
    }
}
