package dev.foldout.internal.merge;

import dev.foldout.MergeConflict;
import dev.foldout.MergeResolution;
import dev.foldout.RowChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides what one row changed on the branch does to the parent, from the row as it was at the base, as the parent
 * has it now, and the branch's change. Rows are maps from column name to the value's text ({@code null} is SQL
 * NULL); a column missing from a map is one that side does not have. Pure: no database.
 */
final class ThreeWay {
    private ThreeWay() {
    }

    /** What the parent gets. */
    enum Action {
        /** Nothing: the parent already has it, or a conflict was settled for the parent. */
        NONE,
        /** Insert {@link Decision#values}. */
        INSERT,
        /** Update the columns of {@link Decision#values}. */
        UPDATE,
        /** Delete the row. */
        DELETE,
        /** The parent deleted a row the branch changed and the branch won: insert the branch's whole row. */
        REINSERT
    }

    /**
     * The decision on one row.
     *
     * @param action    what happens to the parent's row
     * @param values    the columns written, with their texts (INSERT: the whole row; UPDATE: the changed ones)
     * @param conflicts the conflicts met, each with how it was settled
     */
    record Decision(Action action, Map<String, String> values, List<Found> conflicts) {
    }

    /** A conflict and how the options settled it. */
    record Found(MergeConflict conflict, MergeResolution resolution) {
    }

    /**
     * The context of one table's decisions.
     *
     * @param table      the table, schema-qualified
     * @param newColumns columns the merge itself adds to the parent (their parent values are defaults, not changes)
     * @param resolver   how a conflict is settled
     */
    record Table(String table, Set<String> newColumns, Function<MergeConflict, MergeResolution> resolver) {
    }

    /**
     * Decides one row.
     *
     * @param t      the table
     * @param key    the row's key as shown in conflicts, {@code (id)=(10)}
     * @param kind   what the branch did to the row since the base
     * @param branch INSERT: the whole new row; UPDATE: the changed columns with their new texts; DELETE: ignored
     * @param base   the row at the base; null when it did not exist
     * @param parent the row on the parent now; null when it does not exist
     */
    static Decision decide(Table t, String key, RowChange.Kind kind, Map<String, String> branch, Map<String, String> base,
                           Map<String, String> parent) {
        return switch (kind) {
            case INSERT -> inserted(t, key, branch, parent);
            case UPDATE -> updated(t, key, branch, base, parent);
            case DELETE -> deleted(t, key, base, parent);
        };
    }

    private static Decision inserted(Table t, String key, Map<String, String> branch, Map<String, String> parent) {
        if (parent == null) {
            return new Decision(Action.INSERT, branch, List.of());
        }
        Map<String, String> differ = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : branch.entrySet()) {
            if (parent.containsKey(e.getKey()) && !Objects.equals(parent.get(e.getKey()), e.getValue())) {
                differ.put(e.getKey(), e.getValue());
            }
        }
        if (differ.isEmpty()) {
            return none(List.of()); // both added the same row
        }
        String column = differ.keySet().iterator().next();
        Found f = found(t, new MergeConflict(MergeConflict.Kind.INSERT_INSERT, t.table(), key, column, null,
                parent.get(column), branch.get(column), "added on both sides with different values"
                        + (differ.size() > 1 ? " (" + differ.size() + " columns differ)" : "")));
        return f.resolution() == MergeResolution.BRANCH ? new Decision(Action.UPDATE, differ, List.of(f)) : none(List.of(f));
    }

    private static Decision updated(Table t, String key, Map<String, String> branch, Map<String, String> base,
                                    Map<String, String> parent) {
        if (parent == null) {
            String column = branch.keySet().iterator().next();
            Found f = found(t, new MergeConflict(MergeConflict.Kind.DELETE_CHANGE, t.table(), key, column,
                    base == null ? null : base.get(column), null, branch.get(column), "deleted on the parent, changed on the branch"));
            return new Decision(f.resolution() == MergeResolution.BRANCH ? Action.REINSERT : Action.NONE, Map.of(), List.of(f));
        }
        Map<String, String> set = new LinkedHashMap<>();
        List<Found> conflicts = new ArrayList<>();
        for (Map.Entry<String, String> e : branch.entrySet()) {
            String c = e.getKey();
            String now = e.getValue();
            if (!parent.containsKey(c)) {
                conflicts.add(found(t, new MergeConflict(MergeConflict.Kind.DROPPED, t.table(), key, c,
                        base == null ? null : base.get(c), null, now, "column dropped on the parent, changed on the branch")));
                continue; // the value has nowhere to go, whoever wins
            }
            String p = parent.get(c);
            boolean inBase = base != null && base.containsKey(c);
            if (Objects.equals(p, now)) {
                continue; // the same value on both sides
            }
            if (inBase ? Objects.equals(p, base.get(c)) : t.newColumns().contains(c)) {
                set.put(c, now);
                continue;
            }
            Found f = found(t, new MergeConflict(MergeConflict.Kind.CELL, t.table(), key, c, inBase ? base.get(c) : null, p,
                    now, "changed on both sides"));
            conflicts.add(f);
            if (f.resolution() == MergeResolution.BRANCH) {
                set.put(c, now);
            }
        }
        return set.isEmpty() ? none(conflicts) : new Decision(Action.UPDATE, set, conflicts);
    }

    private static Decision deleted(Table t, String key, Map<String, String> base, Map<String, String> parent) {
        if (parent == null) {
            return none(List.of()); // deleted on both sides
        }
        if (base != null) {
            for (Map.Entry<String, String> e : base.entrySet()) {
                String c = e.getKey();
                if (parent.containsKey(c) && !Objects.equals(parent.get(c), e.getValue())) {
                    Found f = found(t, new MergeConflict(MergeConflict.Kind.DELETE_CHANGE, t.table(), key, c, e.getValue(),
                            parent.get(c), null, "deleted on the branch, changed on the parent"));
                    return new Decision(f.resolution() == MergeResolution.BRANCH ? Action.DELETE : Action.NONE, Map.of(),
                            List.of(f));
                }
            }
        }
        return new Decision(Action.DELETE, Map.of(), List.of());
    }

    private static Found found(Table t, MergeConflict c) {
        return new Found(c, Objects.requireNonNullElse(t.resolver().apply(c), MergeResolution.FAIL));
    }

    private static Decision none(List<Found> conflicts) {
        return new Decision(Action.NONE, Map.of(), conflicts);
    }
}
