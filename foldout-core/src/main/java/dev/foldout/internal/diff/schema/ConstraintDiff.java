package dev.foldout.internal.diff.schema;

import static dev.foldout.internal.diff.schema.Sql.q;

import dev.foldout.internal.diff.schema.Matcher.Pair;
import dev.foldout.internal.diff.schema.Model.Constraint;
import dev.foldout.internal.diff.schema.Model.Index;
import dev.foldout.internal.diff.schema.Model.Relation;
import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Table constraints and indexes: dropped before the rows when the desired side lacks or changed them, added
 * after the rows (primary keys, then unique/check/exclusion, then foreign keys, then indexes). A foreign key whose
 * referenced index is dropped is dropped and added again with it.
 */
final class ConstraintDiff {
    private ConstraintDiff() {
    }

    static void diff(Ctx ctx) {
        Set<Long> droppedIndexes = new HashSet<>();
        List<Pair<Index>> indexes = Matcher.match(ctx.from.indexes(), ctx.to.indexes(), f -> key(ctx, f.table(), f.name()),
                t -> t.table() + "/" + t.name(), ctx.related, (f, t) -> mapped(ctx, f.table()) == t.table());
        List<Pair<Constraint>> constraints = Matcher.match(ctx.from.constraints(), ctx.to.constraints(),
                f -> key(ctx, f.table(), f.name()), t -> t.table() + "/" + t.name(), ctx.related,
                (f, t) -> mapped(ctx, f.table()) == t.table() && f.type() == t.type());
        for (Pair<Index> p : indexes) {
            Index f = p.from();
            Index t = p.to();
            boolean enumCast = f != null && ctx.enumTables.contains(f.table()) && f.def().contains("::")
                    || t != null && ctx.enumTables.contains(t.table()) && t.def().contains("::");
            if (f != null && (t == null || enumCast || !f.shape().equals(t.shape()))) {
                droppedIndexes.add(f.oid());
                if (!ctx.droppedRelations.contains(f.table())) {
                    ctx.plan.pre(Plan.PRE_DROP_INDEX, "index", Ctx.display(f.schema(), f.name()), t == null ? Action.DROP
                            : Action.ALTER, "DROP INDEX " + q(f.schema(), f.name()) + ";");
                }
                if (t == null) {
                    continue;
                }
                f = null;
            }
            String name = Ctx.display(t.schema(), t.name());
            if (f == null) {
                ctx.plan.post(ctx.postPhaseOn(t.table(), Plan.POST_INDEX), "index", name,
                        p.from() == null ? Action.CREATE : Action.ALTER, t.def() + ";");
            } else if (!f.name().equals(t.name())) {
                ctx.plan.pre(Plan.PRE_RENAME, "index", name, Action.ALTER, "ALTER INDEX " + q(t.schema(), f.name())
                        + " RENAME TO " + q(t.name()) + ";");
            }
            if (!Objects.equals(f == null ? null : f.tablespace(), t.tablespace()) && (f != null || t.tablespace() != null)) {
                ctx.plan.post(ctx.postPhaseOn(t.table(), Plan.POST_INDEX), "index", name, Action.ALTER, "ALTER INDEX "
                        + q(t.schema(), t.name())
                        + " SET TABLESPACE " + (t.tablespace() == null ? "pg_default" : q(t.tablespace())) + ";");
            }
            ctx.comment("index", name, "INDEX " + q(t.schema(), t.name()), f == null ? null : f.comment(), t.comment());
        }
        for (Pair<Constraint> p : constraints) {
            Constraint f = p.from();
            if (f != null && f.type() != 'f' && (p.to() == null || !f.def().equals(p.to().def()))) {
                droppedIndexes.add(f.index());
            }
        }
        for (Pair<Constraint> p : constraints) {
            Constraint f = p.from();
            Constraint t = p.to();
            boolean forced = f != null && (f.type() == 'f' && droppedIndexes.contains(f.index())
                    || f.type() == 'c' && (ctx.enumTables.contains(f.table()) || t != null && ctx.enumTables.contains(t.table())));
            if (f != null && (t == null || forced || !f.def().equals(t.def()))) {
                if (!ctx.droppedRelations.contains(f.table()) || f.type() == 'f') {
                    Relation fr = ctx.fromRels.get(f.table());
                    ctx.plan.pre(f.type() == 'f' ? Plan.PRE_DROP_FK : Plan.PRE_DROP_CONSTRAINT, "constraint",
                            TableDiff.name(fr) + "." + f.name(), t == null ? Action.DROP : Action.ALTER, "ALTER TABLE "
                                    + q(fr.schema(), fr.name()) + " DROP CONSTRAINT " + q(f.name()) + ";");
                }
                if (t == null) {
                    continue;
                }
                f = null;
            }
            Relation tr = ctx.toRels.get(t.table());
            String qt = q(tr.schema(), tr.name());
            String name = TableDiff.name(tr) + "." + t.name();
            if (f == null) {
                int phase = switch (t.type()) {
                    case 'p' -> Plan.POST_PRIMARY_KEY;
                    case 'f' -> Plan.POST_FOREIGN_KEY;
                    default -> Plan.POST_CONSTRAINT;
                };
                ctx.plan.post(phase, "constraint", name, p.from() == null ? Action.CREATE : Action.ALTER, "ALTER TABLE "
                        + qt + " ADD CONSTRAINT " + q(t.name()) + " " + t.def() + ";");
            } else if (!f.name().equals(t.name())) {
                ctx.plan.pre(Plan.PRE_RENAME, "constraint", name, Action.ALTER, "ALTER TABLE " + qt
                        + " RENAME CONSTRAINT " + q(f.name()) + " TO " + q(t.name()) + ";");
            }
            ctx.comment("constraint", name, "CONSTRAINT " + q(t.name()) + " ON " + qt, f == null ? null : f.comment(),
                    t.comment());
        }
    }

    /** A current-side table's OID on the desired side, or a negative number when it has no match. */
    static long mapped(Ctx ctx, long fromTable) {
        Relation r = ctx.relFromTo.get(fromTable);
        return r == null ? -fromTable : r.oid();
    }

    static String key(Ctx ctx, long fromTable, String name) {
        return mapped(ctx, fromTable) + "/" + name;
    }
}
