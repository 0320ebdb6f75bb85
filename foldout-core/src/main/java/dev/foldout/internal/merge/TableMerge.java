package dev.foldout.internal.merge;

import dev.foldout.MergeConflict;
import dev.foldout.MergeResolution;
import dev.foldout.RowChange;
import dev.foldout.TableDiff;
import dev.foldout.internal.diff.rows.Column;
import dev.foldout.internal.diff.rows.ColumnPair;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.sql.BothSides;
import dev.foldout.internal.sql.Jdbc;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.StringJoiner;

/**
 * Merges one table's rows: the branch's changes arrive from the diff engine in batches; for each batch the parent's
 * rows are read by key and locked while the base's are read by key, each row decided by {@link ThreeWay}, and the
 * result queued on the {@link Executor}. A full batch merges on another thread while the engine reads the next one
 * (one batch in flight; every use of the merge's connections and state is then that thread's until {@link #settle}).
 * Deletions are handed back to run after every table's inserts and updates.
 */
final class TableMerge {
    private static final int BATCH = 2_000;

    private final TablePlan plan;
    private final ThreeWay.Table t;
    private final RowMerger.Connections sides;
    private final Executor exec;
    private final UserTriggers triggers;
    private final List<ThreeWay.Found> conflicts;
    private final Deferred deletes;
    private final boolean droppedByParent;
    private final boolean planOnly;
    private final List<RowChange> pending = new ArrayList<>();
    private Future<Void> inFlight;
    private final long[] counts = new long[3];
    private long ignored;
    private Set<String> parentColumns;
    private MergeSql sql;
    private Bulk.Table bulk;
    private final List<Map<String, String>> inserts = new ArrayList<>();
    private final Map<List<String>, List<String[]>> updates = new LinkedHashMap<>();
    private final List<String[]> deleted = new ArrayList<>();
    private boolean triggersOff;

    TableMerge(TablePlan plan, ThreeWay.Table t, RowMerger.Connections sides, Executor exec, UserTriggers triggers,
               List<ThreeWay.Found> conflicts, Deferred deletes, boolean droppedByParent, boolean planOnly) {
        this.plan = plan;
        this.t = t;
        this.sides = sides;
        this.exec = exec;
        this.triggers = triggers;
        this.conflicts = conflicts;
        this.deletes = deletes;
        this.droppedByParent = droppedByParent;
        this.planOnly = planOnly;
    }

    void add(RowChange change) throws SQLException {
        if (droppedByParent) {
            ignored++;
            return;
        }
        pending.add(change);
        if (pending.size() >= BATCH) {
            List<RowChange> batch = List.copyOf(pending);
            pending.clear();
            settle();
            inFlight = BothSides.start(() -> {
                merge(batch);
                return null;
            });
        }
    }

    /** Waits for the batch merging on another thread, if any; its failure is rethrown. */
    void settle() throws SQLException {
        if (inFlight != null) {
            Future<Void> f = inFlight;
            inFlight = null;
            BothSides.join(f);
        }
    }

    /** Merges what is left and returns what this table brings into the parent. */
    TableDiff finish() throws SQLException {
        settle();
        if (droppedByParent && ignored > 0) {
            MergeConflict c = new MergeConflict(MergeConflict.Kind.DROPPED, t.table(), "", "", null, "dropped",
                    ignored + " rows changed", "table dropped on the parent, its rows changed on the branch");
            conflicts.add(new ThreeWay.Found(c, java.util.Objects.requireNonNullElse(t.resolver().apply(c), MergeResolution.FAIL)));
        }
        merge(List.copyOf(pending));
        pending.clear();
        return new TableDiff(plan.to().schema(), plan.to().name(), plan.key(), plan.locator(), counts[0], counts[1], counts[2],
                List.of());
    }

    private void merge(List<RowChange> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        prepare();
        if (plan.keyed()) {
            keyed(batch);
        } else {
            keyless(batch);
        }
    }

    /** Reads the parent's columns of the table (after the merge's schema statements) and switches its triggers off. */
    private void prepare() throws SQLException {
        if (parentColumns == null) {
            parentColumns = new HashSet<>(Jdbc.query(sides.parent(), "select a.attname::text from pg_catalog.pg_attribute a "
                    + "join pg_catalog.pg_class r on r.oid = a.attrelid join pg_catalog.pg_namespace n on n.oid = r.relnamespace "
                    + "where n.nspname = ? and r.relname = ? and a.attnum > 0 and not a.attisdropped",
                    rs -> rs.getString(1), plan.to().schema(), plan.to().name()));
            Set<String> always = new HashSet<>();
            plan.to().columns().stream().filter(Column::identityAlways).forEach(c -> always.add(c.name()));
            sql = new MergeSql(plan.to().schema(), plan.to().name(), !plan.to().partitioned(), always);
            bulk = Bulk.Table.of(plan.to().schema(), plan.to().name(), !plan.to().partitioned());
        }
        if (!triggersOff && !planOnly && !exec.broken()) {
            triggers.disable(plan.to().schema(), plan.to().name());
            triggersOff = true;
        }
    }

    private void keyed(List<RowChange> batch) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        List<String[]> basekeys = new ArrayList<>();
        for (RowChange ch : batch) {
            String[] k = keyTexts(ch);
            keys.add(k);
            if (ch.kind() != RowChange.Kind.INSERT) {
                basekeys.add(k);
            }
        }
        // the base's rows on another thread while the parent's are read and locked: two connections, two servers' work
        BothSides.Pair<Map<String, Map<String, String>>, Map<String, Map<String, String>>> read = BothSides.read(
                () -> plan.from() == null ? Map.of() : toNames(baseReader().fetch(sides.base(), basekeys, false)),
                () -> parentReader().fetch(sides.parent(), keys, true));
        Map<String, Map<String, String>> baseRows = read.first();
        Map<String, Map<String, String>> parentRows = read.second();
        List<String[]> reinsert = new ArrayList<>();
        for (RowChange ch : batch) {
            String[] k = keyTexts(ch);
            String joined = KeyedRows.join(k);
            Map<String, String> branch = values(ch);
            ThreeWay.Decision d = ThreeWay.decide(t, display(ch), ch.kind(), branch, baseRows.get(joined), parentRows.get(joined));
            conflicts.addAll(d.conflicts());
            switch (d.action()) {
                case INSERT -> insert(d.values(), display(ch));
                case UPDATE -> {
                    List<String> columns = List.copyOf(d.values().keySet());
                    String[] row = new String[k.length + columns.size()];
                    System.arraycopy(k, 0, row, 0, k.length);
                    for (int i = 0; i < columns.size(); i++) {
                        row[k.length + i] = d.values().get(columns.get(i));
                    }
                    updates.computeIfAbsent(columns, x -> new ArrayList<>()).add(row);
                    counts[1]++;
                }
                case DELETE -> {
                    deleted.add(k);
                    counts[2]++;
                }
                case REINSERT -> reinsert.add(k);
                case NONE -> {
                    // the parent keeps what it has
                }
            }
        }
        if (!reinsert.isEmpty()) {
            KeyedRows whole = new KeyedRows(plan.to().schema(), plan.to().name(), keyColumns(false), toColumns(),
                    !plan.to().partitioned());
            for (Map<String, String> row : whole.fetch(sides.branch(), reinsert, false).values()) {
                insert(row, "");
            }
        }
        writeBatch();
    }

    /** Writes the batch's inserts and updates, a statement per set of columns; hands its deletions to the end. */
    private void writeBatch() {
        Map<List<String>, List<Map<String, String>>> byColumns = new LinkedHashMap<>();
        inserts.forEach(r -> byColumns.computeIfAbsent(List.copyOf(r.keySet()), x -> new ArrayList<>()).add(r));
        for (Map.Entry<List<String>, List<Map<String, String>>> e : byColumns.entrySet()) {
            List<String[]> cols = typed(e.getKey());
            List<String[]> rows = e.getValue().stream().map(r -> e.getKey().stream().map(r::get).toArray(String[]::new)).toList();
            boolean overriding = e.getKey().stream().anyMatch(sql.identityAlways()::contains);
            queue(new Bulk(bulk.insert(cols, overriding), Bulk.columns(rows, cols.size()), t.table(), rows.size(),
                    exec.recording() ? e.getValue().stream().map(sql::insert).toList() : List.of()));
        }
        for (Map.Entry<List<String>, List<String[]>> e : updates.entrySet()) {
            List<String[]> key = keyColumns(false);
            List<String[]> rows = e.getValue();
            List<String> readable = !exec.recording() ? List.of() : rows.stream().map(r -> {
                Map<String, String> set = new LinkedHashMap<>();
                for (int i = 0; i < e.getKey().size(); i++) {
                    set.put(e.getKey().get(i), r[key.size() + i]);
                }
                return sql.update(keyPairs(r), set);
            }).toList();
            queue(new Bulk(bulk.update(key, typed(e.getKey())), Bulk.columns(rows, key.size() + e.getKey().size()), t.table(),
                    rows.size(), readable));
        }
        if (!deleted.isEmpty()) {
            List<String[]> rows = List.copyOf(deleted);
            deletes.later(new Bulk(bulk.delete(keyColumns(false)), Bulk.columns(rows, plan.key().size()), t.table(), rows.size(),
                    exec.recording() ? rows.stream().map(r -> sql.delete(keyPairs(r))).toList() : List.of()));
        }
        inserts.clear();
        updates.clear();
        deleted.clear();
    }

    /** The columns with the branch's types. */
    private List<String[]> typed(List<String> columns) {
        return columns.stream().map(c -> new String[] {c, plan.to().column(c).orElseThrow().type()}).toList();
    }

    private void queue(Bulk b) {
        if (!planOnly) {
            exec.bulk(b, conflicts);
        }
    }

    private void keyless(List<RowChange> batch) {
        for (RowChange ch : batch) {
            if (ch.kind() == RowChange.Kind.INSERT) {
                insert(values(ch), "");
            } else if (ch.kind() == RowChange.Kind.DELETE) {
                Map<String, String> row = new LinkedHashMap<>();
                ch.key().stream().filter(v -> parentColumns.contains(v.column())).forEach(v -> row.put(v.column(), v.text()));
                deletes.later(new Executor.Pending(sql.deleteOne(row), t.table(), false));
                counts[2]++;
            }
        }
        writeBatch();
    }

    /** Inserts a row, leaving out columns the parent dropped: a value there is a conflict. */
    private void insert(Map<String, String> values, String key) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (parentColumns.contains(e.getKey())) {
                kept.put(e.getKey(), e.getValue());
            } else if (e.getValue() != null) {
                MergeConflict c = new MergeConflict(MergeConflict.Kind.DROPPED, t.table(), key, e.getKey(), null, null,
                        e.getValue(), "column dropped on the parent, written on the branch");
                conflicts.add(new ThreeWay.Found(c, java.util.Objects.requireNonNullElse(t.resolver().apply(c), MergeResolution.FAIL)));
            }
        }
        inserts.add(kept);
        counts[0]++;
    }

    private KeyedRows parentReader() {
        List<String> cols = toColumns().stream().filter(parentColumns::contains).toList();
        return new KeyedRows(plan.to().schema(), plan.to().name(), keyColumns(false), cols, !plan.to().partitioned());
    }

    private KeyedRows baseReader() {
        List<String> cols = plan.columns().stream().map(ColumnPair::fromName).filter(n -> n != null).toList();
        return new KeyedRows(plan.from().schema(), plan.from().name(), keyColumns(true), cols, !plan.from().partitioned());
    }

    /** The base's rows with their columns named as on the branch. */
    private Map<String, Map<String, String>> toNames(Map<String, Map<String, String>> rows) {
        Map<String, String> toName = new HashMap<>();
        plan.columns().stream().filter(c -> c.fromName() != null).forEach(c -> toName.put(c.fromName(), c.to().name()));
        Map<String, Map<String, String>> out = new HashMap<>();
        rows.forEach((k, row) -> {
            Map<String, String> named = new LinkedHashMap<>();
            row.forEach((c, v) -> named.put(toName.getOrDefault(c, c), v));
            out.put(k, named);
        });
        return out;
    }

    private List<String> toColumns() {
        return plan.columns().stream().map(c -> c.to().name()).toList();
    }

    /** The key columns with their types, as the branch names them or ({@code base}) as the base does. */
    private List<String[]> keyColumns(boolean base) {
        List<String[]> out = new ArrayList<>();
        for (String k : plan.key()) {
            String name = base ? plan.fromName(k) : k;
            Column col = (base ? plan.from() : plan.to()).column(name).orElseThrow();
            out.add(new String[] {name, col.type()});
        }
        return out;
    }

    /** The key's texts in the order of the plan's key. */
    private String[] keyTexts(RowChange ch) {
        Map<String, String> byName = new HashMap<>();
        ch.key().forEach(v -> byName.put(v.column(), v.text()));
        return plan.key().stream().map(byName::get).toArray(String[]::new);
    }

    /** The key's columns with the first texts of {@code texts}. */
    private List<String[]> keyPairs(String[] texts) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < plan.key().size(); i++) {
            out.add(new String[] {plan.key().get(i), texts[i]});
        }
        return out;
    }

    private static Map<String, String> values(RowChange ch) {
        Map<String, String> out = new LinkedHashMap<>();
        ch.values().forEach(v -> out.put(v.column(), v.text()));
        return out;
    }

    /** The key as a conflict shows it: {@code (id)=(10)}. */
    private static String display(RowChange ch) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner texts = new StringJoiner(", ", "(", ")");
        ch.key().forEach(v -> {
            names.add(v.column());
            texts.add(v.text() == null ? "NULL" : v.text());
        });
        return names + "=" + texts;
    }
}
