package dev.foldout.internal.merge;

import dev.foldout.MergeResolution;
import dev.foldout.RowChange;
import dev.foldout.TableDiff;
import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.DiffSink;
import dev.foldout.internal.diff.rows.ColumnPair;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.schema.SchemaDiff;
import dev.foldout.internal.diff.schema.SchemaDiffer;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sits between the engine making a branch's own changes (base to branch) and their output, and leaves out what the
 * parent already has: a schema statement the parent ran the same way since the base, a row the parent already holds
 * as the branch does (an insert already there, a deletion already done, an update already made). What is left is what
 * a merge would still bring in; applying it twice changes nothing, and a diff after it is empty because the data is
 * equal. Rows the parent changed otherwise stay in, and their guards make {@code apply} refuse them.
 */
public final class AlreadyMerged implements DiffSink {
    private static final int BATCH = 500;

    private final Connection base;
    private final Connection branch;
    private final Connection parent;
    private final DiffSink next;
    private SchemaDiff filtered;
    private Batch current;

    /**
     * A filter in front of {@code next}.
     *
     * @param base   the base, as the engine reads it (its schema is compared with the parent's once, before the rows)
     * @param branch the branch, as the engine reads it (copies of rows of tables without a key are counted there)
     * @param parent the parent, in a read-only snapshot
     * @param next   where what is left goes
     */
    public AlreadyMerged(Connection base, Connection branch, Connection parent, DiffSink next) {
        this.base = base;
        this.branch = branch;
        this.parent = parent;
        this.next = next;
    }

    @Override
    public void header(DiffHeader header) {
        next.header(header);
    }

    @Override
    public void preData(SchemaDiff branch) {
        if (branch.preData().isEmpty() && branch.postData().isEmpty()) {
            filtered = branch; // nothing to compare: the common case, and the quiet diff's
            next.preData(filtered);
            return;
        }
        try {
            SchemaDiff parentSchema = SchemaDiffer.compare(base, parent, true);
            SchemaMerge.Result merged = SchemaMerge.merge(branch, parentSchema, c -> MergeResolution.BRANCH, false);
            Set<String> kept = new HashSet<>(merged.preData());
            kept.addAll(merged.postData());
            List<dev.foldout.internal.diff.schema.ObjectChange> changes = new ArrayList<>();
            for (var o : branch.changes()) {
                List<String> left = o.statements().stream().filter(kept::contains).toList();
                if (!left.isEmpty()) {
                    changes.add(new dev.foldout.internal.diff.schema.ObjectChange(o.kind(), o.name(), o.action(), left));
                }
            }
            filtered = new SchemaDiff(branch.preData().stream().filter(kept::contains).toList(),
                    branch.postData().stream().filter(kept::contains).toList(), changes, branch.unsupported(), branch.tables());
        } catch (SQLException e) {
            throw new MergeFailure(e);
        }
        next.preData(filtered);
    }

    @Override
    public RowSink table(TablePlan plan) {
        current = new Batch(plan, next.table(plan));
        Batch mine = current;
        return MergeFailure.rows(mine::add);
    }

    @Override
    public void tableDone(TablePlan plan, TableDiff summary) {
        MergeFailure.unchecked(current::flush);
        long[] c = current.left;
        List<RowChange> rows = summary.rows().stream().filter(current.passed::containsKey).toList();
        next.tableDone(plan, new TableDiff(summary.schema(), summary.name(), summary.key(), summary.locator(), c[0], c[1], c[2],
                rows));
    }

    @Override
    public void postData(SchemaDiff branch) {
        next.postData(filtered);
    }

    @Override
    public void finish() {
        next.finish();
    }

    /** One table's changes, checked against the parent a batch at a time. */
    private final class Batch {
        private final TablePlan plan;
        private final RowSink out;
        private final List<RowChange> pending = new ArrayList<>();
        private final long[] left = new long[3];
        private final Map<RowChange, Boolean> passed = Collections.synchronizedMap(new IdentityHashMap<>());
        private KeyedRows reader;

        Batch(TablePlan plan, RowSink out) {
            this.plan = plan;
            this.out = out;
        }

        void add(RowChange change) throws SQLException {
            pending.add(change);
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            Map<String, Map<String, String>> rows = plan.keyed() ? rows() : null;
            Set<String> sameCount = plan.keyed() ? Set.of() : sameCount();
            for (RowChange ch : pending) {
                boolean there = rows == null ? sameCount.contains(KeyedRows.join(wholeRow(ch)))
                        : alreadyThere(ch, rows.get(KeyedRows.join(keyTexts(ch))));
                if (!there) {
                    out.change(ch);
                    passed.put(ch, Boolean.TRUE);
                    left[ch.kind().ordinal()]++;
                }
            }
            pending.clear();
        }

        private Map<String, Map<String, String>> rows() throws SQLException {
            if (reader == null) {
                Set<String> columns = parentColumns();
                if (!columns.containsAll(plan.key())) {
                    return Map.of(); // the parent has no such table, or not its key: nothing of it is there yet
                }
                List<String[]> keys = plan.key().stream()
                        .map(k -> new String[] {k, plan.to().column(k).orElseThrow().type()}).toList();
                List<String> cols = plan.columns().stream().map(ColumnPair::to).map(c -> c.name()).filter(columns::contains).toList();
                reader = new KeyedRows(plan.to().schema(), plan.to().name(), keys, cols, !plan.to().partitioned());
            }
            List<String[]> keys = new ArrayList<>();
            pending.forEach(ch -> keys.add(keyTexts(ch)));
            return reader.fetch(parent, keys, false);
        }

        /**
         * Of a table without a key, the rows (joined texts) that the parent holds as many copies of as the branch does:
         * what the branch added or removed of them, the parent already has.
         */
        private Set<String> sameCount() throws SQLException {
            Set<String> out = new HashSet<>();
            Map<String, List<dev.foldout.DiffValue>> distinct = new java.util.LinkedHashMap<>();
            pending.forEach(ch -> distinct.putIfAbsent(KeyedRows.join(wholeRow(ch)), ch.kind() == RowChange.Kind.DELETE
                    ? ch.key() : ch.values()));
            Set<String> parentColumns = parentColumns();
            for (Map.Entry<String, List<dev.foldout.DiffValue>> e : distinct.entrySet()) {
                if (!e.getValue().stream().allMatch(v -> parentColumns.contains(v.column()))) {
                    continue;
                }
                if (count(parent, e.getValue()) == count(branch, e.getValue())) {
                    out.add(e.getKey());
                }
            }
            return out;
        }

        private long count(Connection c, List<dev.foldout.DiffValue> row) throws SQLException {
            StringBuilder sql = new StringBuilder("select count(*) from ").append(plan.to().partitioned() ? "" : "only ")
                    .append(dev.foldout.Identifiers.quote(plan.to().schema())).append('.')
                    .append(dev.foldout.Identifiers.quote(plan.to().name())).append(" where true");
            Object[] params = new Object[row.size()];
            for (int i = 0; i < row.size(); i++) {
                sql.append(" and ").append(dev.foldout.Identifiers.quote(row.get(i).column()))
                        .append("::text is not distinct from ?");
                params[i] = row.get(i).text();
            }
            return Jdbc.queryOne(c, sql.toString(), rs -> rs.getLong(1), params).orElse(0L);
        }

        private String[] wholeRow(RowChange ch) {
            return (ch.kind() == RowChange.Kind.DELETE ? ch.key() : ch.values()).stream().map(dev.foldout.DiffValue::text)
                    .toArray(String[]::new);
        }

        private Set<String> parentColumns() throws SQLException {
            return new HashSet<>(Jdbc.query(parent, "select a.attname::text from pg_catalog.pg_attribute a "
                    + "join pg_catalog.pg_class r on r.oid = a.attrelid join pg_catalog.pg_namespace n on n.oid = r.relnamespace "
                    + "where n.nspname = ? and r.relname = ? and a.attnum > 0 and not a.attisdropped",
                    rs -> rs.getString(1), plan.to().schema(), plan.to().name()));
        }

        /** Whether the parent's row already is what the change makes it. */
        private boolean alreadyThere(RowChange ch, Map<String, String> row) {
            return switch (ch.kind()) {
                case DELETE -> row == null;
                case INSERT, UPDATE -> row != null && ch.values().stream()
                        .allMatch(v -> row.containsKey(v.column()) && Objects.equals(row.get(v.column()), v.text()));
            };
        }

        private String[] keyTexts(RowChange ch) {
            Map<String, String> byName = new java.util.HashMap<>();
            ch.key().forEach(v -> byName.put(v.column(), v.text()));
            return plan.key().stream().map(byName::get).toArray(String[]::new);
        }
    }
}
