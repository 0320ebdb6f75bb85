package dev.foldout.internal.merge;

import dev.foldout.MergeConflict;
import dev.foldout.MergeResolution;
import dev.foldout.TableDiff;
import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.DiffSink;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.schema.SchemaDiff;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Takes the branch's own changes (the diff from the base to the branch) and merges them into the parent inside the
 * merge's transaction on the parent: the schema through {@link SchemaMerge}, then each table's rows through
 * {@link TableMerge}, deletions last and children first, then the post-data schema. Every statement runs with every
 * constraint on; a statement the merged data breaks ends the merge as a conflict. The caller commits or rolls back.
 */
public final class RowMerger implements DiffSink {
    private final Connections sides;
    private final DriftSink drift;
    private final Function<MergeConflict, MergeResolution> resolver;
    private final Executor exec;
    private final UserTriggers triggers;
    private final List<ThreeWay.Found> conflicts = new ArrayList<>();
    private final List<TableDiff> applied = new ArrayList<>();
    private final List<Deferred> deletes = new ArrayList<>();
    private SchemaMerge.Result schema;
    private TableMerge current;

    /**
     * The connections a merge reads and writes through.
     *
     * @param parent the parent, in the merge's transaction (auto-commit off)
     * @param base   the base, read-only
     * @param branch the branch, read-only (rows a resolution brings back whole)
     */
    public record Connections(Connection parent, Connection base, Connection branch) {
    }

    /**
     * A merger into {@code sides.parent()}.
     *
     * @param sides     the connections
     * @param drift     what the parent changed on its own since the base
     * @param resolver  how conflicts are settled
     * @param recordSql keep every statement run, for a dry run's report
     */
    public RowMerger(Connections sides, DriftSink drift, Function<MergeConflict, MergeResolution> resolver, boolean recordSql) {
        this.sides = sides;
        this.drift = drift;
        this.resolver = resolver;
        this.exec = new Executor(sides.parent(), recordSql);
        this.triggers = new UserTriggers(sides.parent());
    }

    @Override
    public void header(DiffHeader header) {
        // the merge's own header is made by the operation
    }

    @Override
    public void preData(SchemaDiff branchSchema) {
        schema = SchemaMerge.merge(branchSchema, drift.schema(), resolver);
        conflicts.addAll(schema.conflicts());
        for (String table : schema.droppedByBranch()) {
            if (drift.changed(table)) {
                conflict(new MergeConflict(MergeConflict.Kind.DROPPED, table, "", "", null, "rows changed", "dropped",
                        "table dropped on the branch, its rows changed on the parent"));
            }
        }
        schema.columnsDroppedByBranch().forEach((table, columns) -> columns.stream().filter(c -> drift.wrote(table, c))
                .forEach(c -> conflict(new MergeConflict(MergeConflict.Kind.DROPPED, table, "", c, null, "values written",
                        "dropped", "column dropped on the branch, written on the parent"))));
        if (unresolved() == 0) {
            run(schema.preData());
        }
    }

    @Override
    public RowSink table(TablePlan plan) {
        String qualified = plan.to().schema() + "." + plan.to().name();
        ThreeWay.Table t = new ThreeWay.Table(qualified, schema.columnsAdded().getOrDefault(qualified, Set.of()), resolver);
        Deferred tableDeletes = new Deferred();
        deletes.add(tableDeletes);
        current = new TableMerge(plan, t, sides, exec, triggers, conflicts, tableDeletes,
                schema.droppedByParent().contains(qualified), unresolved() > 0 || exec.broken());
        TableMerge mine = current;
        return MergeFailure.rows(mine::add);
    }

    /**
     * Waits for a batch still merging on another thread (a merge that failed while reading the branch's rows must not
     * roll back or close the parent's connection under it); its failure is dropped, the merge having failed already.
     */
    public void settle() {
        if (current != null) {
            try {
                current.settle();
            } catch (SQLException | RuntimeException ignored) {
                // the caller reports the failure it met first
            }
        }
    }

    @Override
    public void tableDone(TablePlan plan, TableDiff summary) {
        try {
            TableDiff done = current.finish();
            if (done.hasChanges()) {
                applied.add(done);
            }
        } catch (SQLException e) {
            throw new MergeFailure(e);
        }
    }

    @Override
    public void postData(SchemaDiff branchSchema) {
        if (unresolved() > 0 || exec.broken()) {
            return;
        }
        for (int i = deletes.size() - 1; i >= 0; i--) {
            deletes.get(i).run(exec, conflicts);
        }
        try {
            exec.flush(conflicts);
            if (!exec.broken()) {
                triggers.restore();
            }
        } catch (SQLException e) {
            throw new MergeFailure(e);
        }
        run(schema.postData());
    }

    @Override
    public void finish() {
        // the operation commits or rolls back
    }

    private void run(List<String> statements) {
        for (String sql : statements) {
            exec.ddl(sql, conflicts);
        }
    }

    private void conflict(MergeConflict c) {
        conflicts.add(new ThreeWay.Found(c, java.util.Objects.requireNonNullElse(resolver.apply(c), MergeResolution.FAIL)));
    }

    /** The first conflict no resolution settled. */
    public java.util.Optional<MergeConflict> firstUnresolved() {
        return conflicts.stream().filter(f -> f.resolution() == MergeResolution.FAIL).map(ThreeWay.Found::conflict).findFirst();
    }

    /** Records that the parent refused the merged data when the transaction committed (a deferred constraint). */
    public void refusedAtCommit(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " ").trim();
        conflicts.add(new ThreeWay.Found(new MergeConflict(MergeConflict.Kind.CONSTRAINT, "commit", "", "", null, null, null,
                "the merged data is refused by the parent at commit: " + message), MergeResolution.FAIL));
    }

    /** The merge's result, as far as it got. */
    public dev.foldout.MergeResult result(String branch, String parent, boolean applied, java.time.Duration elapsed) {
        int resolved = conflicts.size() - unresolved();
        return new dev.foldout.MergeResult(branch, parent, applied, applied(), schemaStatements(), conflicts(), resolved,
                drift.tables(), schemaDrift(), sql(), elapsed);
    }

    /** How many conflicts no resolution settled. */
    public int unresolved() {
        return (int) conflicts.stream().filter(f -> f.resolution() == MergeResolution.FAIL).count();
    }

    /** Every conflict met, settled or not. */
    public List<MergeConflict> conflicts() {
        return conflicts.stream().map(ThreeWay.Found::conflict).toList();
    }

    /** Per table, the rows written into the parent. */
    public List<TableDiff> applied() {
        return List.copyOf(applied);
    }

    /** The schema statements run on the parent. */
    public List<String> schemaStatements() {
        List<String> out = new ArrayList<>(schema == null ? List.of() : schema.preData());
        out.addAll(schema == null ? List.of() : schema.postData());
        return out;
    }

    /** The branch's schema changes that reach the parent, one line each. */
    public List<String> schemaApplied() {
        return schema == null ? List.of() : schema.applied();
    }

    /** The parent's own schema changes, one line each. */
    public List<String> schemaDrift() {
        return schema == null ? List.of() : schema.drift();
    }

    /** The statements run, one per line, when they were recorded. */
    public String sql() {
        return exec.sql();
    }
}
