package dev.foldout.internal.merge;

import dev.foldout.MergeConflict;
import dev.foldout.MergeResolution;
import dev.foldout.internal.diff.schema.ObjectChange;
import dev.foldout.internal.diff.schema.SchemaDiff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges the schema, statement target by statement target ({@link StatementTarget}): what only the branch changed is
 * run on the parent, what both changed the same way is skipped, what both changed differently is a conflict. A
 * sequence's position moves forward only. Pure: it reads the two schema diffs, base to branch and base to parent.
 */
final class SchemaMerge {
    private SchemaMerge() {
    }

    /**
     * The merged schema.
     *
     * @param preData        the branch's pre-data statements to run on the parent, in order
     * @param postData       the branch's post-data statements to run on the parent, in order
     * @param conflicts      the conflicts, each with how it was settled
     * @param applied        the branch's changed targets that reach the parent, one line each
     * @param drift          the parent's own changed targets, one line each
     * @param droppedByParent tables the parent dropped
     * @param droppedByBranch tables the branch dropped
     * @param columnsDroppedByParent per table, the columns the parent dropped
     * @param columnsDroppedByBranch per table, the columns the branch dropped
     * @param columnsAdded   per table, the columns the merge adds to the parent
     */
    record Result(List<String> preData, List<String> postData, List<ThreeWay.Found> conflicts, List<String> applied,
                  List<String> drift, Set<String> droppedByParent, Set<String> droppedByBranch,
                  Map<String, Set<String>> columnsDroppedByParent, Map<String, Set<String>> columnsDroppedByBranch,
                  Map<String, Set<String>> columnsAdded) {
    }

    /** Merges {@code branch} (base to branch) into the parent, whose own changes are {@code parent} (base to parent). */
    static Result merge(SchemaDiff branch, SchemaDiff parent, Function<MergeConflict, MergeResolution> resolver) {
        return merge(branch, parent, resolver, true);
    }

    /**
     * As {@link #merge(SchemaDiff, SchemaDiff, Function)}; {@code forwardSequences}: a sequence's {@code setval} is
     * rewritten to move forward only (a merge), else compared like any statement and left as it is (a diff).
     */
    static Result merge(SchemaDiff branch, SchemaDiff parent, Function<MergeConflict, MergeResolution> resolver,
                        boolean forwardSequences) {
        Map<StatementTarget, List<String>> mine = targets(branch.changes());
        Map<StatementTarget, List<String>> theirs = targets(parent.changes());
        Set<String> skip = new HashSet<>();
        Map<String, String> rewrite = new HashMap<>();
        List<ThreeWay.Found> conflicts = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        for (Map.Entry<StatementTarget, List<String>> e : mine.entrySet()) {
            StatementTarget t = e.getKey();
            List<String> other = theirs.get(t);
            if (t.setval() && forwardSequences) {
                for (String sql : e.getValue()) {
                    StatementTarget.mergedSetval(sql).ifPresentOrElse(s -> rewrite.put(sql, s), () -> skip.add(sql));
                }
                continue;
            }
            if (other == null) {
                applied.add(t.display());
                continue;
            }
            if (other.equals(e.getValue())) {
                skip.addAll(e.getValue()); // the same change on both sides
                continue;
            }
            MergeConflict c = new MergeConflict(MergeConflict.Kind.SCHEMA, t.kind() + " " + t.name(), "", t.column(), null,
                    String.join(" ", other), String.join(" ", e.getValue()), "changed differently on both sides");
            ThreeWay.Found f = new ThreeWay.Found(c, java.util.Objects.requireNonNullElse(resolver.apply(c), MergeResolution.FAIL));
            conflicts.add(f);
            if (f.resolution() == MergeResolution.BRANCH) {
                applied.add(t.display());
            } else {
                skip.addAll(e.getValue());
            }
        }
        List<String> drift = new ArrayList<>();
        theirs.keySet().stream().filter(t -> !(t.setval() && forwardSequences) && !mine.containsKey(t)).forEach(t -> drift.add(t.display()));
        Result r = new Result(filter(branch.preData(), skip, rewrite), filter(branch.postData(), skip, rewrite), conflicts,
                applied, drift, droppedTables(parent), droppedTables(branch), droppedColumns(parent), droppedColumns(branch),
                addedColumns(branch, skip));
        return r;
    }

    private static Map<StatementTarget, List<String>> targets(List<ObjectChange> changes) {
        Map<StatementTarget, List<String>> out = new LinkedHashMap<>();
        for (ObjectChange o : changes) {
            for (String sql : o.statements()) {
                out.computeIfAbsent(StatementTarget.of(o.kind(), o.name(), sql), k -> new ArrayList<>()).add(sql);
            }
        }
        return out;
    }

    private static List<String> filter(List<String> statements, Set<String> skip, Map<String, String> rewrite) {
        List<String> out = new ArrayList<>();
        for (String s : statements) {
            if (!skip.contains(s)) {
                out.add(rewrite.getOrDefault(s, s));
            }
        }
        return out;
    }

    private static Set<String> droppedTables(SchemaDiff d) {
        Set<String> out = new HashSet<>();
        d.changes().stream().filter(o -> o.kind().equals("table") && o.action() == ObjectChange.Action.DROP)
                .forEach(o -> out.add(o.name()));
        return out;
    }

    private static Map<String, Set<String>> droppedColumns(SchemaDiff d) {
        return columns(d, StatementTarget::dropsColumn, Set.of());
    }

    private static Map<String, Set<String>> addedColumns(SchemaDiff d, Set<String> skip) {
        return columns(d, StatementTarget::addsColumn, skip);
    }

    private static Map<String, Set<String>> columns(SchemaDiff d, java.util.function.Predicate<String> which, Set<String> skip) {
        Map<String, Set<String>> out = new HashMap<>();
        for (ObjectChange o : d.changes()) {
            if (!o.kind().equals("table")) {
                continue;
            }
            for (String sql : o.statements()) {
                if (which.test(sql) && !skip.contains(sql)) {
                    out.computeIfAbsent(o.name(), k -> new HashSet<>()).add(StatementTarget.of(o.kind(), o.name(), sql).column());
                }
            }
        }
        return out;
    }
}
