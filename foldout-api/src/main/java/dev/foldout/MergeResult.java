package dev.foldout;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a merge did, or (dry run, or refused) would do.
 *
 * @param branch     the branch merged
 * @param parent     the database merged into
 * @param applied    whether the parent was changed (false for a dry run and for a refused merge)
 * @param tables     per table, the rows the merge writes into the parent (the branch's own changes, less those the
 *                   parent already had)
 * @param schema     the schema statements the merge runs on the parent, in order
 * @param conflicts  the conflicts found, settled or not ({@link #unresolved()} says which stopped the merge)
 * @param resolved   how many of the conflicts a resolution settled
 * @param drift      per table, what the parent changed on its own since the base: reported, never touched
 * @param driftSchema the parent's own schema changes since the base, one line each
 * @param sql        the statements the merge runs (or would run) on the parent, one per line
 * @param elapsed    how long it took
 */
public record MergeResult(String branch, String parent, boolean applied, List<TableDiff> tables, List<String> schema,
                          List<MergeConflict> conflicts, int resolved, List<TableDiff> drift, List<String> driftSchema,
                          String sql, Duration elapsed) {
    /** Validates the record and copies the lists. */
    public MergeResult {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(parent, "parent");
        tables = List.copyOf(tables);
        schema = List.copyOf(schema);
        conflicts = List.copyOf(conflicts);
        drift = List.copyOf(drift);
        driftSchema = List.copyOf(driftSchema);
        sql = Objects.requireNonNullElse(sql, "");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** The number of conflicts that no resolution settled: the merge was refused when it is not zero. */
    public int unresolved() {
        return conflicts.size() - resolved;
    }

    /** Whether the merge brings nothing into the parent. */
    public boolean isEmpty() {
        return schema.isEmpty() && tables.stream().noneMatch(TableDiff::hasChanges);
    }

    /** Rows the merge writes into the parent, all tables together. */
    public long rowsChanged() {
        return tables.stream().mapToLong(t -> t.inserts() + t.updates() + t.deletes()).sum();
    }
}
