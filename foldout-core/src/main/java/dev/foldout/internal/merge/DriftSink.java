package dev.foldout.internal.merge;

import dev.foldout.RowChange;
import dev.foldout.TableDiff;
import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.DiffSink;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.schema.SchemaDiff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes the diff from the base to the parent (what the parent changed on its own, its drift) and keeps only what the
 * merge reports and checks: the schema diff, per table the counts, and per table the columns the parent wrote. Holds
 * no rows.
 */
public final class DriftSink implements DiffSink {
    private SchemaDiff schema = new SchemaDiff(List.of(), List.of(), List.of(), List.of(), List.of());
    private final List<TableDiff> tables = new ArrayList<>();
    private final Map<String, Set<String>> written = new HashMap<>();

    /** Creates an empty sink. */
    public DriftSink() {
    }

    @Override
    public void header(DiffHeader header) {
        // nothing to keep
    }

    @Override
    public void preData(SchemaDiff value) {
        this.schema = value;
    }

    @Override
    public RowSink table(TablePlan plan) {
        Set<String> columns = written.computeIfAbsent(plan.to().schema() + "." + plan.to().name(), k -> new HashSet<>());
        return change -> {
            change.values().stream().filter(v -> change.kind() == RowChange.Kind.UPDATE || !v.isNull())
                    .forEach(v -> columns.add(v.column()));
        };
    }

    @Override
    public void tableDone(TablePlan plan, TableDiff summary) {
        if (summary.hasChanges()) {
            tables.add(summary);
        }
    }

    @Override
    public void postData(SchemaDiff value) {
        // the same schema diff as preData
    }

    @Override
    public void finish() {
        // nothing to finish
    }

    /** The parent's own schema changes. */
    public SchemaDiff schema() {
        return schema;
    }

    /** Per table with changes, the parent's own row changes (counts only). */
    public List<TableDiff> tables() {
        return List.copyOf(tables);
    }

    /** Whether the parent changed rows of table {@code qualified} ({@code schema.table}). */
    boolean changed(String qualified) {
        return tables.stream().anyMatch(t -> (t.schema() + "." + t.name()).equals(qualified));
    }

    /** Whether the parent wrote column {@code column} of table {@code qualified} (an update, or a non-null insert). */
    boolean wrote(String qualified, String column) {
        return written.getOrDefault(qualified, Set.of()).contains(column);
    }
}
