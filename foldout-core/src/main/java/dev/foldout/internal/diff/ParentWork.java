package dev.foldout.internal.diff;

import dev.foldout.ParentChanges;
import dev.foldout.internal.diff.locate.Located;
import dev.foldout.internal.diff.rows.Column;
import dev.foldout.internal.diff.rows.Leaf;
import dev.foldout.internal.diff.rows.TableShape;
import dev.foldout.internal.diff.schema.ColumnMapping;
import dev.foldout.internal.diff.schema.TableMapping;
import dev.foldout.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Counts what the parent changed on its own since a branch was made and a two-way diff of the branch would change
 * back. The branch point recorded the first transaction ID given out after the copy; a row version or catalog entry
 * whose {@code xmin} is that or later was written since. Rows: the parent's rows written since (on the blocks the
 * locator found changed on the parent, or every row of a table it could not narrow) whose branch row by key differs
 * or is missing, and the branch's rows from before the branch point, on those blocks, whose key the parent no longer
 * has (the parent deleted them). Schema: the parent's relations, functions and types created or altered since, and
 * the branch's from before that the parent dropped. Both connections are the diff's, in its snapshots.
 */
final class ParentWork {
    /** Keys looked up on the other side per query. */
    private static final int BATCH = 2_000;

    private final Connection parent;
    private final Connection branch;
    private final String xid;

    private ParentWork(Connection parent, Connection branch, long xid) {
        this.parent = parent;
        this.branch = branch;
        this.xid = Long.toString(xid & 0xFFFF_FFFFL);
    }

    /**
     * What the two-way diff from {@code parent} to {@code branch} would undo of the parent's own work.
     *
     * @param xid            the first transaction ID given out after the branch's copy
     * @param located        the changed blocks per leaf; null when no locator ran (every row is looked at)
     * @param schemaChanges  whether the diff has schema statements (else no object of the parent's is undone)
     */
    static ParentChanges count(Connection parent, Connection branch, long xid, List<TableMapping> tables,
                               Map<Long, TableShape> from, Map<Long, TableShape> to, Located located,
                               boolean schemaChanges) throws SQLException {
        ParentWork w = new ParentWork(parent, branch, xid);
        long rows = 0;
        for (TableMapping m : tables) {
            TableShape f = m.isNew() ? null : from.get(m.fromOid());
            TableShape t = to.get(m.toOid());
            if (f != null && t != null) {
                rows += w.table(m, f, t, located);
            }
        }
        return new ParentChanges(true, rows, schemaChanges ? w.objects() : 0);
    }

    /** {@code age(xmin)} of the row versions written since the branch point is at most the branch point's age. */
    private static String since(String alias) {
        return "age(" + alias + ".xmin) <= age(?::text::xid)";
    }

    private long table(TableMapping m, TableShape f, TableShape t, Located located) throws SQLException {
        List<String[]> columns = new ArrayList<>(); // {parent name, branch name}
        Map<String, String> parentNames = new HashMap<>();
        for (ColumnMapping c : m.columns()) {
            if (c.fromName() != null && f.column(c.fromName()).filter(x -> !x.generated()).isPresent()
                    && t.column(c.toName()).filter(x -> !x.generated()).isPresent()) {
                columns.add(new String[] {c.fromName(), c.toName()});
                parentNames.put(c.toName(), c.fromName());
            }
        }
        List<String> key = t.key();
        boolean keyed = !key.isEmpty() && key.stream().allMatch(parentNames::containsKey);
        Map<Long, Leaf> branchLeaves = new HashMap<>();
        if (located != null) {
            for (Leaf[] pair : TablePlanner.locatable(f, t, false)) {
                branchLeaves.put(pair[0].oid(), pair[1]);
            }
        }
        long undone = 0;
        for (Leaf leaf : f.leaves()) {
            Leaf same = branchLeaves.get(leaf.oid());
            long[] blocks = same == null ? null : located.from(leaf.oid());
            if (blocks != null && blocks.length == 0) {
                continue; // the locator found nothing written on this leaf of the parent
            }
            if (!keyed) {
                undone += countWritten(leaf, blocks);
                continue;
            }
            List<String> parentKey = key.stream().map(parentNames::get).toList();
            undone += differing(parent, leaf, blocks, true, parentKey, columns, 0, branch, t, key, columns, 1, false);
            if (blocks != null) {
                // the branch's rows from before the branch point on the blocks the parent wrote: gone on the parent?
                undone += differing(branch, same, blocks, false, key, columns, 1, parent, f, parentKey, columns, 0, true);
            }
        }
        return undone;
    }

    private long countWritten(Leaf leaf, long[] blocks) throws SQLException {
        String sql = "select count(*) from " + rowsOf(leaf, blocks, true, "1");
        try (PreparedStatement st = parent.prepareStatement(sql)) {
            bind(st, blocks);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Streams the keys and row hashes of {@code leaf} on side {@code c} (written since the branch point, or from
     * before it), looks them up by key on {@code other}, and counts those missing there — or, unless
     * {@code missingOnly}, with another hash.
     */
    private long differing(Connection c, Leaf leaf, long[] blocks, boolean written, List<String> key,
                           List<String[]> columns, int side, Connection other, TableShape otherTable,
                           List<String> otherKey, List<String[]> otherColumns, int otherSide, boolean missingOnly)
            throws SQLException {
        String select = keyTexts(key) + ", " + rowHash(columns, side);
        String sql = "select " + select + " from " + rowsOf(leaf, blocks, written, "*");
        long count = 0;
        List<String[]> batch = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setFetchSize(BATCH);
            bind(st, blocks);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String[] row = new String[key.size() + 1];
                    for (int i = 0; i <= key.size(); i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    batch.add(row);
                    if (batch.size() == BATCH) {
                        count += lookUp(other, otherTable, otherKey, otherColumns, otherSide, batch, missingOnly);
                        batch.clear();
                    }
                }
            }
        }
        return count + lookUp(other, otherTable, otherKey, otherColumns, otherSide, batch, missingOnly);
    }

    private long lookUp(Connection c, TableShape table, List<String> key, List<String[]> columns, int side,
                        List<String[]> rows, boolean missingOnly) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        StringJoiner unnest = new StringJoiner(", ");
        StringJoiner casts = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        for (int i = 0; i < key.size(); i++) {
            String type = table.column(key.get(i)).map(Column::type).orElseThrow();
            unnest.add("?::text[]");
            casts.add("u.k" + i + "::" + type);
            names.add(Identifiers.quote(key.get(i)));
        }
        String sql = "select " + keyTexts(key) + ", " + rowHash(columns, side) + " from "
                + Identifiers.quote(table.schema()) + "." + Identifiers.quote(table.name()) + " t where (" + names
                + ") in (select " + casts + " from unnest(" + unnest + ") u(" + keyAliases(key.size()) + "))";
        Map<List<String>, String> found = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < key.size(); i++) {
                String[] texts = new String[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    texts[r] = rows.get(r)[i];
                }
                st.setArray(i + 1, c.createArrayOf("text", texts));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    List<String> k = new ArrayList<>();
                    for (int i = 1; i <= key.size(); i++) {
                        k.add(rs.getString(i));
                    }
                    found.put(k, rs.getString(key.size() + 1));
                }
            }
        }
        long count = 0;
        for (String[] row : rows) {
            String hash = found.get(List.of(row).subList(0, key.size()));
            if (hash == null || (!missingOnly && !hash.equals(row[key.size()]))) {
                count++;
            }
        }
        return count;
    }

    /** {@code only leaf t} with the rows written since the branch point (or, {@code written} false, before it). */
    private static String rowsOf(Leaf leaf, long[] blocks, boolean written, String what) {
        String table = "only " + Identifiers.quote(leaf.schema()) + "." + Identifiers.quote(leaf.name()) + " t";
        String when = written ? since("t") : "not (" + since("t") + ")";
        if (blocks == null) {
            return table + " where " + when;
        }
        return "unnest(?::int8[]) b(n) cross join lateral (select " + what + " from " + table
                + " where t.ctid >= format('(%s,0)', b.n)::tid and t.ctid < format('(%s,0)', b.n + 1)::tid and "
                + when + ") t";
    }

    private void bind(PreparedStatement st, long[] blocks) throws SQLException {
        int i = 1;
        if (blocks != null) {
            Long[] boxed = new Long[blocks.length];
            for (int b = 0; b < blocks.length; b++) {
                boxed[b] = blocks[b];
            }
            st.setArray(i++, st.getConnection().createArrayOf("int8", boxed));
        }
        st.setString(i, xid);
    }

    private static String keyTexts(List<String> key) {
        StringJoiner out = new StringJoiner(", ");
        key.forEach(k -> out.add("t." + Identifiers.quote(k) + "::text"));
        return out.toString();
    }

    private static String keyAliases(int n) {
        StringJoiner out = new StringJoiner(", ");
        for (int i = 0; i < n; i++) {
            out.add("k" + i);
        }
        return out.toString();
    }

    /** An md5 of the compared columns' texts, in the same order on both sides. */
    private static String rowHash(List<String[]> columns, int side) {
        StringJoiner out = new StringJoiner(", ", "md5(row(", ")::text)");
        columns.forEach(c -> out.add("t." + Identifiers.quote(c[side]) + "::text"));
        return columns.isEmpty() ? "''" : out.toString();
    }

    private long objects() throws SQLException {
        String ns = SchemaFingerprint.USER_NS;
        String relations = "select count(distinct r) from ("
                + "select c.oid as r from pg_class c where c.relnamespace in (" + ns + ") "
                + "and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and " + since("c")
                + " union all select i.indrelid from pg_index i join pg_class c on c.oid = i.indexrelid "
                + "where c.relnamespace in (" + ns + ") and " + since("c")
                + " union all select t.conrelid from pg_constraint t where t.connamespace in (" + ns + ") and t.conrelid <> 0 and "
                + since("t")
                + " union all select t.attrelid from pg_attribute t join pg_class c on c.oid = t.attrelid where t.attnum > 0 "
                + "and c.relnamespace in (" + ns + ") and " + since("t")
                + " union all select t.tgrelid from pg_trigger t join pg_class c on c.oid = t.tgrelid where not t.tgisinternal "
                + "and c.relnamespace in (" + ns + ") and " + since("t")
                + " union all select t.polrelid from pg_policy t join pg_class c on c.oid = t.polrelid "
                + "where c.relnamespace in (" + ns + ") and " + since("t") + ") x";
        String others = "select (select count(*) from pg_proc t where t.pronamespace in (" + ns + ") and " + since("t")
                + ") + (select count(*) from pg_type t where t.typnamespace in (" + ns + ") and t.typtype in ('e', 'd') and "
                + since("t") + ")";
        long created = scalar(parent, relations, 6) + scalar(parent, others, 2);

        String[][] catalogs = {
            {"pg_class", "relnamespace", "t.relkind in ('r', 'p', 'v', 'm', 'S', 'f')"},
            {"pg_proc", "pronamespace", "true"},
            {"pg_type", "typnamespace", "t.typtype in ('e', 'd')"}};
        long dropped = 0;
        for (String[] catalog : catalogs) {
            List<Long> oids = new ArrayList<>();
            try (PreparedStatement st = branch.prepareStatement("select t.oid::int8 from " + catalog[0] + " t where t."
                    + catalog[1] + " in (" + ns + ") and " + catalog[2] + " and not (" + since("t") + ")")) {
                st.setString(1, xid);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        oids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement st = parent.prepareStatement("select count(*) from unnest(?::int8[]) o "
                    + "where not exists (select 1 from " + catalog[0] + " where oid = o::oid)")) {
                st.setArray(1, parent.createArrayOf("int8", oids.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    dropped += rs.getLong(1);
                }
            }
        }
        return created + dropped;
    }

    private long scalar(Connection c, String sql, int xids) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 1; i <= xids; i++) {
                st.setString(i, xid);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
