package dev.foldout.internal.diff;

import dev.foldout.ApplyOptions;
import dev.foldout.ApplyResult;
import dev.foldout.Diff;
import dev.foldout.ParentChanges;
import dev.foldout.SchemaChange;
import dev.foldout.TableDiff;
import dev.foldout.UnsupportedObject;
import dev.foldout.internal.diff.output.JsonWriter;
import dev.foldout.internal.diff.output.SqlWriter;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.schema.SchemaDiff;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A diff kept in memory as the engine made it (the changed rows, never whole tables), replayed into a
 * {@link SqlWriter} or {@link JsonWriter} on demand.
 */
public final class CollectedDiff implements Diff, DiffSink {
    private final Function<CollectedDiff, ApplyResult> applier;
    private final boolean keepRows;
    private DiffHeader header;
    private SchemaDiff schema;
    private final List<TablePlan> plans = new ArrayList<>();
    private final List<TableDiff> tables = new ArrayList<>();
    private ApplyOptions applyOptions = ApplyOptions.DEFAULTS;

    /** A diff whose {@link #apply} runs {@code applier}, keeping rows or not. */
    public CollectedDiff(Function<CollectedDiff, ApplyResult> applier, boolean keepRows) {
        this.applier = applier;
        this.keepRows = keepRows;
    }

    @Override
    public void header(DiffHeader h) {
        this.header = h;
    }

    @Override
    public void preData(SchemaDiff s) {
        this.schema = s;
    }

    @Override
    public RowSink table(TablePlan plan) {
        return change -> { };
    }

    @Override
    public void tableDone(TablePlan plan, TableDiff summary) {
        plans.add(plan);
        tables.add(summary);
    }

    @Override
    public void postData(SchemaDiff s) {
    }

    @Override
    public void finish() {
    }

    /** Replays the diff into {@code sink}. */
    public void replay(DiffSink sink) {
        if (!keepRows && tables.stream().anyMatch(TableDiff::hasChanges)) {
            throw new dev.foldout.NotSupportedException("this diff holds no rows (made with DiffOptions.keepRows off, or "
                    + "streamed to an output as it was made): apply or read that output, or make the diff again with keepRows");
        }
        sink.header(header);
        sink.preData(schema);
        for (int i = 0; i < plans.size(); i++) {
            RowSink rows = sink.table(plans.get(i));
            tables.get(i).rows().forEach(rows::change);
            sink.tableDone(plans.get(i), tables.get(i));
        }
        sink.postData(schema);
        sink.finish();
    }

    /** The header. */
    public DiffHeader header() {
        return header;
    }

    /** The options of the apply in progress. */
    public ApplyOptions applyOptions() {
        return applyOptions;
    }

    @Override
    public String parent() {
        return header.parent();
    }

    @Override
    public String branch() {
        return header.branch();
    }

    @Override
    public dev.foldout.DiffMode mode() {
        return dev.foldout.DiffMode.ofLabel(header.mode());
    }

    @Override
    public ParentChanges parentChanges() {
        return header.parentOwn();
    }

    @Override
    public List<SchemaChange> schemaChanges() {
        return schema.changes().stream().map(c -> new SchemaChange(c.kind(), c.name(), c.action().name(), c.statements())).toList();
    }

    @Override
    public List<UnsupportedObject> unsupported() {
        return schema.unsupported().stream().map(u -> new UnsupportedObject(u.kind(), u.name(), u.reason())).toList();
    }

    @Override
    public List<TableDiff> tables() {
        return List.copyOf(tables);
    }

    @Override
    public boolean isEmpty() {
        return schema.preData().isEmpty() && schema.postData().isEmpty() && tables.stream().noneMatch(TableDiff::hasChanges);
    }

    @Override
    public String toSql() {
        StringBuilder b = new StringBuilder();
        writeSql(b);
        return b.toString();
    }

    @Override
    public void writeSql(Appendable out) {
        replay(new SqlWriter(out));
    }

    @Override
    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonWriter json = new JsonWriter(w)) {
            replay(json);
        }
        return w.toString();
    }

    @Override
    public synchronized ApplyResult apply(ApplyOptions options) {
        this.applyOptions = options;
        return applier.apply(this);
    }

    @Override
    public String toString() {
        return "Diff[" + header.branch() + " -> " + header.parent() + ", " + tables.size() + " tables]";
    }
}
