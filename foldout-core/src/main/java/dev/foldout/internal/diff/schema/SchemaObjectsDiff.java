package dev.foldout.internal.diff.schema;

import static dev.foldout.internal.diff.schema.Sql.literal;
import static dev.foldout.internal.diff.schema.Sql.q;

import dev.foldout.internal.diff.schema.Matcher.Pair;
import dev.foldout.internal.diff.schema.Model.Extension;
import dev.foldout.internal.diff.schema.Model.Schema;
import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.List;
import java.util.Objects;

/** Schemas and extensions. */
final class SchemaObjectsDiff {
    private SchemaObjectsDiff() {
    }

    static void diff(Ctx ctx) {
        Plan plan = ctx.plan;
        for (Pair<Schema> p : Matcher.match(ctx.from.schemas(), ctx.to.schemas(), ctx.related)) {
            if (p.dropped()) {
                plan.post(Plan.POST_DROP_SCHEMA, "schema", p.from().name(), Action.DROP,
                        "DROP SCHEMA IF EXISTS " + q(p.from().name()) + ";");
                continue;
            }
            Schema t = p.to();
            String name = t.name();
            if (p.created()) {
                plan.pre(Plan.PRE_CREATE_SCHEMA, "schema", name, Action.CREATE, "CREATE SCHEMA " + q(name) + ";");
            } else if (!p.from().name().equals(name)) {
                ctx.schemaRenames.put(p.from().name(), name);
                plan.pre(Plan.PRE_RENAME_SCHEMA, "schema", name, Action.ALTER,
                        "ALTER SCHEMA " + q(p.from().name()) + " RENAME TO " + q(name) + ";");
            }
            Schema f = p.from();
            ctx.comment("schema", name, "SCHEMA " + q(name), f == null ? null : f.comment(), t.comment());
            ctx.grants("schema", name, "SCHEMA " + q(name), f == null ? null : f.acl(), f == null ? null : f.owner(),
                    t.acl(), t.owner(), List.of());
        }
        for (Pair<Extension> p : Matcher.match(ctx.from.extensions(), ctx.to.extensions(), false)) {
            if (p.dropped()) {
                plan.post(Plan.POST_DROP_EXTENSION, "extension", p.from().name(), Action.DROP,
                        "DROP EXTENSION IF EXISTS " + q(p.from().name()) + ";");
                continue;
            }
            Extension t = p.to();
            Extension f = p.from();
            String name = t.name();
            if (p.created()) {
                plan.pre(Plan.PRE_EXTENSION, "extension", name, Action.CREATE, "CREATE EXTENSION IF NOT EXISTS "
                        + q(name) + " WITH SCHEMA " + q(t.schema()) + " VERSION " + literal(t.version()) + ";");
            } else {
                if (!Objects.equals(f.version(), t.version())) {
                    plan.pre(Plan.PRE_EXTENSION, "extension", name, Action.ALTER,
                            "ALTER EXTENSION " + q(name) + " UPDATE TO " + literal(t.version()) + ";");
                }
                if (!f.schema().equals(t.schema())) {
                    plan.pre(Plan.PRE_EXTENSION, "extension", name, Action.ALTER,
                            "ALTER EXTENSION " + q(name) + " SET SCHEMA " + q(t.schema()) + ";");
                }
            }
            ctx.comment("extension", name, "EXTENSION " + q(name), f == null ? null : f.comment(), t.comment());
        }
    }
}
