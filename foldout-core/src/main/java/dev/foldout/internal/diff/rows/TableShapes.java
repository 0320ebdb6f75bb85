package dev.foldout.internal.diff.rows;

import dev.foldout.internal.diff.Lru;
import dev.foldout.internal.sql.Jdbc;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads {@link TableShape}s from one side's catalog: four queries in one round trip for any number of tables. The diff's sessions
 * run with only {@code pg_catalog} on the search path (DiffRun sets them up), so {@code format_type} qualifies
 * every other type and the SQL runs whatever the applying session's search path.
 */
public final class TableShapes {
    private static final String TABLES = "select c.oid, n.nspname, c.relname, c.relkind = 'p' "
            + "from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = any(?::oid[])";
    private static final String COLUMNS = "select a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), "
            + "a.attgenerated <> '', a.attidentity = 'a' from pg_attribute a "
            + "where a.attrelid = any(?::oid[]) and a.attnum > 0 and not a.attisdropped order by a.attrelid, a.attnum";
    private static final String KEYS = "select i.indrelid, array(select a.attname from unnest(i.indkey) with ordinality k(num, ord) "
            + "join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.num order by k.ord) "
            + "from pg_index i where i.indrelid = any(?::oid[]) and (i.indisprimary or i.indisreplident) "
            + "order by i.indrelid, i.indisprimary desc";
    private static final String LEAVES = "select r.oid, c.oid, n.nspname, c.relname, c.relfilenode, c.relpersistence = 'u', "
            + "coalesce(pg_relation_filepath(c.oid), ''), pg_relation_size(c.oid) / current_setting('block_size')::int "
            + "from unnest(?::oid[]) r(oid) join pg_class rc on rc.oid = r.oid "
            + "cross join lateral (select r.oid where rc.relkind = 'r' "
            + "union all select t.relid from pg_partition_tree(r.oid) t where rc.relkind = 'p' and t.isleaf) l(oid) "
            + "join pg_class c on c.oid = l.oid join pg_namespace n on n.oid = c.relnamespace "
            + "where c.relkind = 'r' order by r.oid, c.oid";

    private static final String SIZES = "select l, pg_relation_size(l) / current_setting('block_size')::int "
            + "from unnest(?::oid[]) l";
    private static final int CACHED = 32;
    /** Shapes by schema version and OIDs; least recently used go first. */
    private static final Map<String, Map<Long, TableShape>> CACHE = Lru.map(CACHED);

    private TableShapes() {
    }

    /**
     * The shapes of the tables with these OIDs that exist, by OID, for a database whose schema is at {@code version}
     * (see {@code SchemaDiffer.Versioned}): read once per version; after that only the leaves' sizes, which change
     * without the schema changing, are read again, in one prepared query.
     */
    public static Map<Long, TableShape> read(Connection c, String version, Collection<Long> oids) throws SQLException {
        String key = version + '\0' + oids;
        Map<Long, TableShape> known;
        synchronized (CACHE) {
            known = CACHE.get(key);
        }
        if (known == null) {
            Map<Long, TableShape> read = read(c, oids);
            synchronized (CACHE) {
                CACHE.put(key, read);
            }
            return read;
        }
        List<Long> leaves = new ArrayList<>();
        known.values().forEach(t -> t.leaves().forEach(l -> leaves.add(l.oid())));
        Map<Long, Long> sizes = new HashMap<>();
        if (!leaves.isEmpty()) {
            Jdbc.query(c, SIZES, rs -> sizes.put(rs.getLong(1), rs.getLong(2)), c.createArrayOf("int8", leaves.toArray()));
        }
        Map<Long, TableShape> out = new HashMap<>();
        for (TableShape t : known.values()) {
            out.put(t.oid(), new TableShape(t.oid(), t.schema(), t.name(), t.partitioned(), t.columns(), t.key(),
                    t.leaves().stream().map(l -> new Leaf(l.oid(), l.schema(), l.name(), l.relfilenode(), l.unlogged(),
                            l.filePath(), sizes.getOrDefault(l.oid(), l.blocks()))).toList()));
        }
        return out;
    }

    /** The shapes of the tables with these OIDs that exist, by OID, read now. */
    public static Map<Long, TableShape> read(Connection c, Collection<Long> oids) throws SQLException {
        Map<Long, TableShape> out = new HashMap<>();
        if (oids.isEmpty()) {
            return out;
        }
        // one round trip: the four queries in one simple-protocol batch, the OIDs written as a literal of numbers
        StringJoiner ids = new StringJoiner(",", "'{", "}'");
        oids.forEach(o -> ids.add(Long.toString(o)));
        String batch = String.join("; ", TABLES, COLUMNS, KEYS, LEAVES).replace("?", ids.toString());
        List<TableShape> tables = new ArrayList<>();
        Map<Long, List<Column>> columns = new HashMap<>();
        Map<Long, List<String>> keys = new HashMap<>();
        Map<Long, List<Leaf>> leaves = new HashMap<>();
        try (Statement st = c.createStatement()) {
            st.execute(batch);
            read(st.getResultSet(), rs -> tables.add(new TableShape(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getBoolean(4), List.of(), List.of(), List.of())));
            st.getMoreResults();
            read(st.getResultSet(), rs -> columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                    new Column(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5))));
            st.getMoreResults();
            read(st.getResultSet(), rs -> keys.putIfAbsent(rs.getLong(1), List.of((String[]) rs.getArray(2).getArray())));
            st.getMoreResults();
            read(st.getResultSet(), rs -> leaves.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Leaf(rs.getLong(2),
                    rs.getString(3), rs.getString(4), rs.getLong(5), rs.getBoolean(6), rs.getString(7), rs.getLong(8))));
        }
        for (TableShape t : tables) {
            out.put(t.oid(), new TableShape(t.oid(), t.schema(), t.name(), t.partitioned(),
                    columns.getOrDefault(t.oid(), List.of()), keys.getOrDefault(t.oid(), List.of()),
                    leaves.getOrDefault(t.oid(), List.of())));
        }
        return out;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void read(ResultSet rs, RowReader reader) throws SQLException {
        try (rs) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

}
