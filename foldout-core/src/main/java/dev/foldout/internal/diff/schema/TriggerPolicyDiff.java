package dev.foldout.internal.diff.schema;

import static dev.foldout.internal.diff.schema.Sql.q;

import dev.foldout.internal.diff.schema.Matcher.Pair;
import dev.foldout.internal.diff.schema.Model.Policy;
import dev.foldout.internal.diff.schema.Model.Relation;
import dev.foldout.internal.diff.schema.Model.Trigger;
import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.List;

/** Triggers (compared by {@code pg_get_triggerdef}, and whether they are enabled) and row-level security policies. */
final class TriggerPolicyDiff {
    private TriggerPolicyDiff() {
    }

    static void diff(Ctx ctx) {
        for (Pair<Trigger> p : Matcher.match(ctx.from.triggers(), ctx.to.triggers(),
                f -> ConstraintDiff.key(ctx, f.table(), f.name()), t -> t.table() + "/" + t.name(), ctx.related,
                (f, t) -> ConstraintDiff.mapped(ctx, f.table()) == t.table())) {
            Trigger f = p.from();
            Trigger t = p.to();
            if (f != null && (t == null || !f.def().equals(t.def()))) {
                if (!ctx.droppedRelations.contains(f.table())) {
                    Relation fr = ctx.fromRels.get(f.table());
                    ctx.plan.pre(Plan.PRE_DROP_TRIGGER, "trigger", TableDiff.name(fr) + "." + f.name(),
                            t == null ? Action.DROP : Action.ALTER, "DROP TRIGGER " + q(f.name()) + " ON "
                                    + q(fr.schema(), fr.name()) + ";");
                }
                if (t == null) {
                    continue;
                }
                f = null;
            }
            Relation tr = ctx.toRels.get(t.table());
            String qt = q(tr.schema(), tr.name());
            String name = TableDiff.name(tr) + "." + t.name();
            int phase = ctx.postPhaseOn(t.table(), Plan.POST_TRIGGER);
            if (f == null) {
                ctx.plan.post(phase, "trigger", name, p.from() == null ? Action.CREATE : Action.ALTER, t.def() + ";");
            }
            if (t.enabled() != (f == null ? 'O' : f.enabled())) {
                String how = switch (t.enabled()) {
                    case 'D' -> "DISABLE";
                    case 'R' -> "ENABLE REPLICA";
                    case 'A' -> "ENABLE ALWAYS";
                    default -> "ENABLE";
                };
                ctx.plan.post(phase, "trigger", name, Action.ALTER, "ALTER TABLE " + qt + " " + how + " TRIGGER "
                        + q(t.name()) + ";");
            }
            ctx.comment("trigger", name, "TRIGGER " + q(t.name()) + " ON " + qt, f == null ? null : f.comment(),
                    t.comment());
        }
        for (Pair<Policy> p : Matcher.match(ctx.from.policies(), ctx.to.policies(),
                f -> ConstraintDiff.key(ctx, f.table(), f.name()), t -> t.table() + "/" + t.name(), ctx.related,
                (f, t) -> ConstraintDiff.mapped(ctx, f.table()) == t.table())) {
            policy(ctx, p);
        }
    }

    private static void policy(Ctx ctx, Pair<Policy> p) {
        Policy f = p.from();
        Policy t = p.to();
        if (f != null && (t == null || !body(f).equals(body(t)))) {
            if (!ctx.droppedRelations.contains(f.table())) {
                Relation fr = ctx.fromRels.get(f.table());
                ctx.plan.pre(Plan.PRE_DROP_POLICY, "policy", TableDiff.name(fr) + "." + f.name(),
                        t == null ? Action.DROP : Action.ALTER, "DROP POLICY " + q(f.name()) + " ON "
                                + q(fr.schema(), fr.name()) + ";");
            }
            if (t == null) {
                return;
            }
            f = null;
        }
        Relation tr = ctx.toRels.get(t.table());
        String qt = q(tr.schema(), tr.name());
        String name = TableDiff.name(tr) + "." + t.name();
        if (f == null) {
            ctx.plan.post(Plan.POST_POLICY, "policy", name, p.from() == null ? Action.CREATE : Action.ALTER,
                    "CREATE POLICY " + q(t.name()) + " ON " + qt + body(t) + ";");
        } else if (!f.name().equals(t.name())) {
            ctx.plan.pre(Plan.PRE_RENAME, "policy", name, Action.ALTER, "ALTER POLICY " + q(f.name()) + " ON " + qt
                    + " RENAME TO " + q(t.name()) + ";");
        }
        ctx.comment("policy", name, "POLICY " + q(t.name()) + " ON " + qt, f == null ? null : f.comment(), t.comment());
    }

    /** Everything of CREATE POLICY after the table. */
    private static String body(Policy p) {
        String cmd = switch (p.command()) {
            case 'r' -> "SELECT";
            case 'a' -> "INSERT";
            case 'w' -> "UPDATE";
            case 'd' -> "DELETE";
            default -> "ALL";
        };
        List<String> roles = p.roles().stream().map(r -> r.isEmpty() ? "PUBLIC" : q(r)).toList();
        return " AS " + (p.permissive() ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + cmd + " TO "
                + (roles.isEmpty() ? "PUBLIC" : String.join(", ", roles))
                + (p.using() == null ? "" : " USING (" + p.using() + ")")
                + (p.check() == null ? "" : " WITH CHECK (" + p.check() + ")");
    }
}
