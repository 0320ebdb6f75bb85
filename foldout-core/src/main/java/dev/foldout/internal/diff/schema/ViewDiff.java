package dev.foldout.internal.diff.schema;

import static dev.foldout.internal.diff.schema.Sql.q;

import dev.foldout.internal.diff.schema.Matcher.Pair;
import dev.foldout.internal.diff.schema.Model.Column;
import dev.foldout.internal.diff.schema.Model.Relation;
import dev.foldout.internal.diff.schema.Model.ViewDep;
import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Views and materialized views, compared by {@code pg_get_viewdef}. A view that changed, or that uses a column
 * whose type changes or that goes away, is dropped before the rows — with every view built on it — and created
 * again after them, in dependency order.
 */
final class ViewDiff {
    private ViewDiff() {
    }

    static void diff(Ctx ctx) {
        List<Relation> fromViews = ctx.from.relations().stream().filter(Relation::isView).toList();
        List<Relation> toViews = ctx.to.relations().stream().filter(Relation::isView).toList();
        List<Pair<Relation>> pairs = Matcher.match(fromViews, toViews, f -> ctx.key(f.schema(), f.name()),
                Relation::key, ctx.related, (f, t) -> f.kind() == t.kind());
        Set<Long> gone = new LinkedHashSet<>();
        Set<Long> early = new HashSet<>();
        for (Pair<Relation> p : pairs) {
            if (p.dropped()) {
                gone.add(p.from().oid());
            } else if (p.matched() && (p.from().kind() != p.to().kind() || !p.from().viewDef().equals(p.to().viewDef())
                    || !p.from().options().equals(p.to().options())
                    || !Objects.equals(p.from().tablespace(), p.to().tablespace()))) {
                gone.add(p.from().oid());
                early.add(p.from().oid());
            }
        }
        for (ViewDep d : ctx.from.viewDeps()) {
            if (ctx.droppedRelations.contains(d.relation())
                    || d.column() > 0 && ctx.changedColumns.contains(d.relation() * 10_000 + d.column())) {
                gone.add(d.view());
                early.add(d.view());
            }
        }
        for (boolean grew = true; grew; ) {
            grew = false;
            for (ViewDep d : ctx.from.viewDeps()) {
                if (gone.contains(d.relation()) && gone.add(d.view())) {
                    grew = true;
                }
                if (early.contains(d.relation()) && early.add(d.view())) {
                    gone.add(d.view());
                    grew = true;
                }
            }
        }
        for (Relation v : order(ctx.from, gone, false)) {
            String sql = "DROP " + keyword(v) + " IF EXISTS " + q(v.schema(), v.name()) + ";";
            Action action = pairs.stream().anyMatch(p -> p.from() == v && p.to() != null) ? Action.ALTER : Action.DROP;
            if (early.contains(v.oid())) {
                ctx.plan.pre(Plan.PRE_DROP_VIEW, kind(v), TableDiff.name(v), action, sql);
            } else {
                ctx.plan.post(Plan.POST_DROP_VIEW, kind(v), TableDiff.name(v), action, sql);
            }
        }
        ctx.droppedRelations.addAll(gone);
        Set<Long> create = new HashSet<>();
        Map<Long, List<Column>> fromCols = ctx.from.columnsByTable();
        Map<Long, List<Column>> toCols = ctx.to.columnsByTable();
        for (Pair<Relation> p : pairs) {
            if (p.to() == null) {
                continue;
            }
            Relation f = p.from() != null && gone.contains(p.from().oid()) ? null : p.from();
            Relation t = p.to();
            if (f == null) {
                create.add(t.oid());
            } else {
                ctx.relFromTo.put(f.oid(), t);
                ctx.relToFrom.put(t.oid(), f);
                String fs = ctx.schema(f.schema());
                if (!f.name().equals(t.name())) {
                    ctx.plan.pre(Plan.PRE_RENAME, kind(t), TableDiff.name(t), Action.ALTER, "ALTER " + keyword(t) + " "
                            + q(fs, f.name()) + " RENAME TO " + q(t.name()) + ";");
                }
                if (!fs.equals(t.schema())) {
                    ctx.plan.pre(Plan.PRE_RENAME, kind(t), TableDiff.name(t), Action.ALTER, "ALTER " + keyword(t) + " "
                            + q(fs, t.name()) + " SET SCHEMA " + q(t.schema()) + ";");
                }
            }
            String on = keyword(t) + " " + q(t.schema(), t.name());
            ctx.comment(kind(t), TableDiff.name(t), on, f == null ? null : f.comment(), t.comment());
            columns(ctx, f, t, fromCols, toCols);
            ctx.grants(kind(t), TableDiff.name(t), "TABLE " + q(t.schema(), t.name()), on, f == null ? null : f.acl(),
                    f == null ? null : f.owner(), t.acl(), t.owner(), List.of());
        }
        for (Relation t : order(ctx.to, create, true)) {
            Action action = pairs.stream().anyMatch(p -> p.to() == t && p.from() != null) ? Action.ALTER : Action.CREATE;
            ctx.plan.post(Plan.POST_VIEW, kind(t), TableDiff.name(t), action, "CREATE " + keyword(t) + " "
                    + q(t.schema(), t.name()) + (t.options().isEmpty() ? "" : " WITH (" + String.join(", ", t.options())
                    + ")") + (t.tablespace() == null ? "" : " TABLESPACE " + q(t.tablespace())) + " AS\n" + t.viewDef()
                    + (t.kind() == 'm' ? "\n WITH DATA;" : ";"));
        }
    }

    /** Column defaults, comments and grants of a view, against nothing when the view is new or re-created. */
    private static void columns(Ctx ctx, Relation f, Relation t, Map<Long, List<Column>> fromCols,
                                Map<Long, List<Column>> toCols) {
        String qv = q(t.schema(), t.name());
        String name = TableDiff.name(t);
        List<Column> before = f == null ? List.of() : fromCols.getOrDefault(f.oid(), List.of());
        for (Column c : toCols.getOrDefault(t.oid(), List.of())) {
            Column old = before.stream().filter(b -> b.name().equals(c.name())).findFirst().orElse(null);
            if (!Objects.equals(old == null ? null : old.defaultExpr(), c.defaultExpr())) {
                ctx.plan.post(Plan.POST_ON_VIEW, kind(t), name, Action.ALTER, "ALTER " + keyword(t) + " " + qv
                        + " ALTER COLUMN " + q(c.name()) + (c.defaultExpr() == null ? " DROP DEFAULT;"
                        : " SET DEFAULT " + c.defaultExpr() + ";"));
            }
            ctx.comment(kind(t), name, "COLUMN " + qv + "." + q(c.name()), old == null ? null : old.comment(),
                    c.comment());
            for (String sql : Acl.statements(Acl.parse(old == null ? List.of() : old.acl(), null),
                    Acl.parse(c.acl(), null), "TABLE " + qv, " (" + q(c.name()) + ")")) {
                ctx.plan.post(Plan.POST_GRANT, kind(t), name, Action.ALTER, sql);
            }
        }
    }

    /** The views of {@code oids}, dependencies first ({@code dependenciesFirst}) or dependents first. */
    private static List<Relation> order(Catalog cat, Set<Long> oids, boolean dependenciesFirst) {
        Map<Long, Relation> rels = cat.relationsByOid();
        Map<Long, List<Long>> uses = new HashMap<>();
        for (ViewDep d : cat.viewDeps()) {
            uses.computeIfAbsent(d.view(), k -> new ArrayList<>()).add(d.relation());
        }
        List<Relation> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Relation r : cat.relations()) {
            if (oids.contains(r.oid())) {
                visit(r.oid(), oids, uses, rels, seen, out);
            }
        }
        if (!dependenciesFirst) {
            java.util.Collections.reverse(out);
        }
        return out;
    }

    private static void visit(long oid, Set<Long> oids, Map<Long, List<Long>> uses, Map<Long, Relation> rels,
                              Set<Long> seen, List<Relation> out) {
        if (!oids.contains(oid) || !seen.add(oid)) {
            return;
        }
        for (long dep : uses.getOrDefault(oid, List.of())) {
            visit(dep, oids, uses, rels, seen, out);
        }
        out.add(rels.get(oid));
    }

    private static String keyword(Relation v) {
        return v.kind() == 'm' ? "MATERIALIZED VIEW" : "VIEW";
    }

    private static String kind(Relation v) {
        return v.kind() == 'm' ? "materialized view" : "view";
    }
}
