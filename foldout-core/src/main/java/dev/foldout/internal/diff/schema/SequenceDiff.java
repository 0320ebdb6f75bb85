package dev.foldout.internal.diff.schema;

import static dev.foldout.internal.diff.schema.Sql.literal;
import static dev.foldout.internal.diff.schema.Sql.q;

import dev.foldout.internal.diff.schema.Matcher.Pair;
import dev.foldout.internal.diff.schema.Model.Column;
import dev.foldout.internal.diff.schema.Model.Relation;
import dev.foldout.internal.diff.schema.Model.Sequence;
import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sequences: options, ownership by a serial column, and their position ({@code setval}) — identity sequences
 * included, whose columns {@link TableDiff} creates.
 */
final class SequenceDiff {
    private SequenceDiff() {
    }

    static void diff(Ctx ctx) {
        Map<Long, List<Column>> fromCols = ctx.from.columnsByTable();
        Map<Long, List<Column>> toCols = ctx.to.columnsByTable();
        for (Pair<Sequence> p : Matcher.match(ctx.from.sequences(), ctx.to.sequences(), f -> ctx.key(f.schema(), f.name()),
                Sequence::key, ctx.related, (f, t) -> true)) {
            Sequence f = p.from();
            Sequence t = p.to();
            if (p.dropped()) {
                if (f.ownerKind() != 'i') {
                    ctx.plan.post(Plan.POST_DROP_SEQUENCE, "sequence", name(f), Action.DROP,
                            "DROP SEQUENCE IF EXISTS " + q(f.schema(), f.name()) + ";");
                }
                continue;
            }
            String qn = q(t.schema(), t.name());
            boolean identity = t.ownerKind() == 'i';
            if (f == null && !identity) {
                ctx.plan.pre(Plan.PRE_SEQUENCE, "sequence", name(t), Action.CREATE, "CREATE "
                        + (t.persistence() == 'u' ? "UNLOGGED " : "") + "SEQUENCE " + qn + " " + options(t) + ";");
            } else if (f != null) {
                if (!f.name().equals(t.name())) {
                    ctx.plan.pre(Plan.PRE_RENAME, "sequence", name(t), Action.ALTER, "ALTER SEQUENCE "
                            + q(ctx.schema(f.schema()), f.name()) + " RENAME TO " + q(t.name()) + ";");
                }
                if (!ctx.schema(f.schema()).equals(t.schema())) {
                    ctx.plan.pre(Plan.PRE_RENAME, "sequence", name(t), Action.ALTER, "ALTER SEQUENCE "
                            + q(ctx.schema(f.schema()), t.name()) + " SET SCHEMA " + q(t.schema()) + ";");
                }
                if (!options(f).equals(options(t))) {
                    ctx.plan.pre(Plan.PRE_SEQUENCE, "sequence", name(t), Action.ALTER, "ALTER SEQUENCE " + qn + " "
                            + options(t) + ";");
                }
                if (f.persistence() != t.persistence() && !identity) {
                    ctx.plan.pre(Plan.PRE_SEQUENCE, "sequence", name(t), Action.ALTER, "ALTER SEQUENCE " + qn
                            + (t.persistence() == 'u' ? " SET UNLOGGED;" : " SET LOGGED;"));
                }
            }
            if (!identity) {
                String fromOwner = f == null ? null : owned(ctx, f, fromCols, true);
                String toOwner = owned(ctx, t, toCols, false);
                if (!Objects.equals(fromOwner, toOwner)) {
                    ctx.plan.post(Plan.POST_SEQUENCE, "sequence", name(t), Action.ALTER, "ALTER SEQUENCE " + qn
                            + " OWNED BY " + (toOwner == null ? "NONE" : toOwner) + ";");
                }
            }
            Long fromLast = f == null ? null : f.lastValue();
            if (!Objects.equals(fromLast, t.lastValue())) {
                ctx.plan.post(Plan.POST_SETVAL, "sequence", name(t), Action.ALTER, "SELECT pg_catalog.setval("
                        + literal(qn) + "::regclass, " + (t.lastValue() == null ? t.start() + ", false" : t.lastValue()
                        + ", true") + ");");
            }
            String on = "SEQUENCE " + qn;
            ctx.comment("sequence", name(t), on, f == null ? null : f.comment(), t.comment());
            ctx.grants("sequence", name(t), on, t.ownerKind() == 0 ? on : null, f == null ? null : f.acl(),
                    f == null ? null : f.owner(), t.acl(), t.owner(), List.of());
        }
    }

    /** The options clause, the same for CREATE and ALTER SEQUENCE and for identity columns. */
    static String options(Sequence s) {
        return "AS " + s.dataType() + " INCREMENT BY " + s.increment() + " MINVALUE " + s.min() + " MAXVALUE " + s.max()
                + " START WITH " + s.start() + " CACHE " + s.cache() + (s.cycle() ? " CYCLE" : " NO CYCLE");
    }

    private static String name(Sequence s) {
        return Ctx.display(s.schema(), s.name());
    }

    /** The column owning a serial sequence, as {@code "s"."t"."c"} in the desired side's names. */
    private static String owned(Ctx ctx, Sequence s, Map<Long, List<Column>> cols, boolean fromSide) {
        if (s.ownerKind() != 'a') {
            return null;
        }
        Relation rel = fromSide ? ctx.relFromTo.get(s.ownerTable()) : ctx.toRels.get(s.ownerTable());
        if (rel == null) {
            return null;
        }
        String col = cols.getOrDefault(s.ownerTable(), List.of()).stream().filter(c -> c.num() == s.ownerColumn())
                .map(Column::name).findFirst().orElse(null);
        return col == null ? null : q(rel.schema(), rel.name()) + "." + q(col);
    }
}
