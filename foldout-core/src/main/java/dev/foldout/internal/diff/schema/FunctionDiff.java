package dev.foldout.internal.diff.schema;

import static dev.foldout.internal.diff.schema.Sql.q;

import dev.foldout.internal.diff.schema.Matcher.Pair;
import dev.foldout.internal.diff.schema.Model.Function;
import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.List;

/**
 * Functions and procedures, compared by {@code pg_get_functiondef}: CREATE OR REPLACE when the signature stays,
 * DROP and CREATE when the arguments' names or defaults or the result type change. Aggregates are reported.
 */
final class FunctionDiff {
    private FunctionDiff() {
    }

    static void diff(Ctx ctx) {
        boolean bodies = false;
        for (Pair<Function> p : Matcher.match(ctx.from.functions(), ctx.to.functions(),
                f -> ctx.key(f.schema(), f.name()) + '(' + f.identityArgs() + ')', Function::key, ctx.related,
                (f, t) -> f.kind() == t.kind())) {
            Function f = p.from();
            Function t = p.to();
            if (p.dropped()) {
                if (f.kind() == 'a') {
                    ctx.unsupported("aggregate", signature(f), "exists only on the current side: drop it by hand");
                } else {
                    ctx.plan.post(Plan.POST_DROP_FUNCTION, kind(f), signature(f), Action.DROP, "DROP " + keyword(f)
                            + " IF EXISTS " + target(f.schema(), f) + ";");
                }
                continue;
            }
            if (t.kind() == 'a') {
                if (f == null) {
                    ctx.unsupported("aggregate", signature(t), "exists only on the desired side: create it by hand");
                }
                continue;
            }
            boolean recreated = false;
            if (f == null) {
                ctx.plan.pre(Plan.PRE_FUNCTION, kind(t), signature(t), Action.CREATE, def(t));
                bodies = true;
            } else {
                String fs = ctx.schema(f.schema());
                if (!f.name().equals(t.name())) {
                    ctx.plan.pre(Plan.PRE_RENAME, kind(t), signature(t), Action.ALTER, "ALTER " + keyword(f) + " "
                            + q(fs) + "." + q(f.name()) + "(" + f.identityArgs() + ") RENAME TO " + q(t.name()) + ";");
                }
                if (!fs.equals(t.schema())) {
                    ctx.plan.pre(Plan.PRE_RENAME, kind(t), signature(t), Action.ALTER, "ALTER " + keyword(f) + " "
                            + q(fs) + "." + q(t.name()) + "(" + f.identityArgs() + ") SET SCHEMA " + q(t.schema()) + ";");
                }
                String fromDef = f.def().replaceFirst(java.util.regex.Pattern.quote(f.deparsedName()),
                        java.util.regex.Matcher.quoteReplacement(t.deparsedName()));
                if (!fromDef.equals(t.def())) {
                    bodies = true;
                    if (!f.args().equals(t.args()) || !f.result().equals(t.result()) || f.kind() != t.kind()) {
                        ctx.plan.pre(Plan.PRE_DROP_FUNCTION, kind(t), signature(t), Action.ALTER, "DROP " + keyword(f)
                                + " " + target(f.schema(), f) + ";");
                        recreated = true;
                    }
                    ctx.plan.pre(Plan.PRE_FUNCTION, kind(t), signature(t), Action.ALTER, def(t));
                }
            }
            String on = keyword(t) + " " + target(t.schema(), t);
            Function old = recreated ? null : f;
            ctx.comment(kind(t), signature(t), on, old == null ? null : old.comment(), t.comment());
            ctx.grants(kind(t), signature(t), on, old == null ? null : old.acl(), old == null ? null : old.owner(),
                    t.acl(), t.owner(), List.of("=X/x"));
        }
        if (bodies) {
            ctx.plan.pre(Plan.PRE_SETUP, "function", "check_function_bodies", Action.ALTER,
                    "SET LOCAL check_function_bodies = false;");
        }
    }

    private static String def(Function t) {
        return t.def().strip() + ";";
    }

    private static String target(String schema, Function f) {
        return q(schema) + "." + q(f.name()) + "(" + f.identityArgs() + ")";
    }

    private static String keyword(Function f) {
        return f.kind() == 'p' ? "PROCEDURE" : "FUNCTION";
    }

    private static String kind(Function f) {
        return f.kind() == 'p' ? "procedure" : "function";
    }

    private static String signature(Function f) {
        return f.schema() + "." + f.name() + "(" + f.identityArgs() + ")";
    }
}
