package dev.foldout.internal.diff.schema;

import static dev.foldout.internal.diff.schema.Sql.literal;
import static dev.foldout.internal.diff.schema.Sql.q;

import dev.foldout.internal.diff.schema.Matcher.Pair;
import dev.foldout.internal.diff.schema.Model.Type;
import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Enums, composite types and domains. An enum that gains, loses or reorders values is rebuilt instead of
 * {@code ALTER TYPE … ADD VALUE}, whose new value cannot be used before the transaction commits: the old type is
 * renamed, the new one created, the columns converted through text ({@link TableDiff} does the columns).
 */
final class TypeDiff {
    private TypeDiff() {
    }

    static void diff(Ctx ctx) {
        List<Pair<Type>> pairs = Matcher.match(ctx.from.types(), ctx.to.types(), f -> ctx.key(f.schema(), f.name()),
                Type::key, ctx.related, (f, t) -> f.typtype() == t.typtype());
        for (Pair<Type> p : pairs) {
            if (p.dropped()) {
                continue;
            }
            Type t = p.to();
            Type f = p.from();
            if (f != null && f.typtype() != t.typtype()) {
                ctx.unsupported(kind(t), name(t), "it is a different kind of type on each side: drop it or create it by hand");
                continue;
            }
            switch (t.typtype()) {
                case 'e' -> enumType(ctx, f, t);
                case 'c' -> composite(ctx, f, t);
                case 'd' -> domain(ctx, f, t);
                default -> {
                    if (f == null) {
                        ctx.unsupported(kind(t), name(t), "exists only on the desired side: create it by hand");
                    }
                    continue;
                }
            }
            if (f != null) {
                rename(ctx, f, t);
            }
            String on = kind(t).toUpperCase() + " " + q(t.schema(), t.name());
            ctx.comment(kind(t), name(t), on, f == null ? null : f.comment(), t.comment());
            ctx.grants(kind(t), name(t), on, f == null ? null : f.acl(), f == null ? null : f.owner(), t.acl(), t.owner(),
                    List.of("=U/x"));
        }
        for (char kind : new char[] {'d', 'c', 'e', 'r', 'b'}) {
            for (Pair<Type> p : pairs) {
                if (p.dropped() && p.from().typtype() == kind) {
                    Type f = p.from();
                    if (kind == 'r' || kind == 'b') {
                        ctx.unsupported(kind(f), name(f), "exists only on the current side: drop it by hand");
                    } else {
                        ctx.plan.post(Plan.POST_DROP_TYPE, kind(f), name(f), Action.DROP, "DROP "
                                + (kind == 'd' ? "DOMAIN" : "TYPE") + " IF EXISTS " + q(f.schema(), f.name()) + ";");
                    }
                }
            }
        }
    }

    static String kind(Type t) {
        return switch (t.typtype()) {
            case 'd' -> "domain";
            case 'r' -> "range type";
            case 'b' -> "base type";
            default -> "type";
        };
    }

    private static String name(Type t) {
        return Ctx.display(t.schema(), t.name());
    }

    private static void rename(Ctx ctx, Type f, Type t) {
        String alter = "ALTER " + (t.typtype() == 'd' ? "DOMAIN " : "TYPE ");
        if (!f.name().equals(t.name())) {
            ctx.plan.pre(Plan.PRE_RENAME, kind(t), name(t), Action.ALTER,
                    alter + q(ctx.schema(f.schema()), f.name()) + " RENAME TO " + q(t.name()) + ";");
        }
        if (!ctx.schema(f.schema()).equals(t.schema())) {
            ctx.plan.pre(Plan.PRE_RENAME, kind(t), name(t), Action.ALTER,
                    alter + q(ctx.schema(f.schema()), t.name()) + " SET SCHEMA " + q(t.schema()) + ";");
        }
    }

    private static void enumType(Ctx ctx, Type f, Type t) {
        String qn = q(t.schema(), t.name());
        if (f == null) {
            ctx.plan.pre(Plan.PRE_TYPE, "type", name(t), Action.CREATE, create(qn, t.labels()));
            return;
        }
        if (f.labels().equals(t.labels())) {
            return;
        }
        if (ctx.related && f.labelOids().equals(t.labelOids())) {
            for (int i = 0; i < t.labels().size(); i++) {
                if (!f.labels().get(i).equals(t.labels().get(i))) {
                    ctx.plan.pre(Plan.PRE_RENAME, "type", name(t), Action.ALTER, "ALTER TYPE " + q(ctx.schema(f.schema()),
                            f.name()) + " RENAME VALUE " + literal(f.labels().get(i)) + " TO " + literal(t.labels().get(i)) + ";");
                }
            }
            return;
        }
        if (ctx.from.types().stream().anyMatch(d -> d.typtype() == 'd' && d.baseOid() == f.oid())) {
            ctx.unsupported("type", name(t), "its values change and a domain is based on it: change the enum by hand");
            return;
        }
        for (Model.Function fn : ctx.from.functions()) {
            if (fn.args() != null && (fn.args().contains(f.name()) || fn.result().contains(f.name()))) {
                ctx.unsupported("function", fn.schema() + "." + fn.name() + "(" + fn.identityArgs() + ")",
                        "takes or returns the enum " + name(t) + ", which is rebuilt because its values change: drop the"
                                + " function before applying and create it again after");
            }
        }
        // renames run before this phase, so the type already has the desired name
        LinkedHashSet<String> union = new LinkedHashSet<>(t.labels());
        union.addAll(f.labels());
        String old = q(t.schema(), "foldout_old_" + f.oid());
        ctx.plan.pre(Plan.PRE_TYPE, "type", name(t), Action.ALTER, "ALTER TYPE " + qn + " RENAME TO "
                + q("foldout_old_" + f.oid()) + ";");
        ctx.plan.pre(Plan.PRE_TYPE, "type", name(t), Action.ALTER, create(qn, new ArrayList<>(union)));
        ctx.plan.post(Plan.POST_DROP_TYPE, "type", name(t), Action.ALTER, "DROP TYPE " + old + ";");
        ctx.rebuiltEnums.add(f.oid());
        if (union.size() > t.labels().size()) {
            ctx.finalEnums.add(t.oid());
            String tmp = "foldout_tmp_" + f.oid();
            ctx.plan.post(Plan.POST_ENUM, "type", name(t), Action.ALTER, "ALTER TYPE " + qn + " RENAME TO " + q(tmp) + ";");
            ctx.plan.post(Plan.POST_ENUM, "type", name(t), Action.ALTER, create(qn, t.labels()));
            ctx.plan.post(Plan.POST_DROP_TYPE, "type", name(t), Action.ALTER, "DROP TYPE " + q(t.schema(), tmp) + ";");
        }
    }

    private static String create(String qn, List<String> labels) {
        return "CREATE TYPE " + qn + " AS ENUM (" + labels.stream().map(Sql::literal).collect(Collectors.joining(", "))
                + ");";
    }

    private static void composite(Ctx ctx, Type f, Type t) {
        String qn = q(t.schema(), t.name());
        if (f == null) {
            List<String> atts = new ArrayList<>();
            for (int i = 0; i < t.attNames().size(); i++) {
                atts.add(q(t.attNames().get(i)) + " " + t.attTypes().get(i));
            }
            ctx.plan.pre(Plan.PRE_TYPE, "type", name(t), Action.CREATE, "CREATE TYPE " + qn + " AS ("
                    + String.join(", ", atts) + ");");
            return;
        }
        for (int i = 0; i < f.attNames().size(); i++) {
            if (!t.attNames().contains(f.attNames().get(i))) {
                ctx.plan.pre(Plan.PRE_TYPE, "type", name(t), Action.ALTER, "ALTER TYPE " + qn + " DROP ATTRIBUTE "
                        + q(f.attNames().get(i)) + ";");
            }
        }
        for (int i = 0; i < t.attNames().size(); i++) {
            String a = t.attNames().get(i);
            int j = f.attNames().indexOf(a);
            if (j < 0) {
                ctx.plan.pre(Plan.PRE_TYPE, "type", name(t), Action.ALTER, "ALTER TYPE " + qn + " ADD ATTRIBUTE "
                        + q(a) + " " + t.attTypes().get(i) + ";");
            } else if (!f.attTypes().get(j).equals(t.attTypes().get(i))) {
                ctx.plan.pre(Plan.PRE_TYPE, "type", name(t), Action.ALTER, "ALTER TYPE " + qn + " ALTER ATTRIBUTE "
                        + q(a) + " TYPE " + t.attTypes().get(i) + ";");
            }
        }
    }

    private static void domain(Ctx ctx, Type f, Type t) {
        String qn = q(t.schema(), t.name());
        String alter = "ALTER DOMAIN " + qn;
        if (f == null) {
            ctx.plan.pre(Plan.PRE_TYPE, "domain", name(t), Action.CREATE, "CREATE DOMAIN " + qn + " AS " + t.baseType()
                    + (t.collation() == null ? "" : " COLLATE " + t.collation())
                    + (t.defaultExpr() == null ? "" : " DEFAULT " + t.defaultExpr()) + ";");
        } else {
            if (!f.baseType().equals(t.baseType()) || !Objects.equals(f.collation(), t.collation())) {
                ctx.unsupported("domain", name(t), "its base type or collation differs (" + f.baseType() + " vs "
                        + t.baseType() + "): re-create the domain by hand");
                return;
            }
            if (!Objects.equals(f.defaultExpr(), t.defaultExpr())) {
                if (f.defaultExpr() != null) {
                    ctx.plan.pre(Plan.PRE_COLUMN, "domain", name(t), Action.ALTER, alter + " DROP DEFAULT;");
                }
                if (t.defaultExpr() != null) {
                    ctx.plan.post(Plan.POST_DEFAULT, "domain", name(t), Action.ALTER, alter + " SET DEFAULT "
                            + t.defaultExpr() + ";");
                }
            }
            if (f.notNull() && !t.notNull()) {
                ctx.plan.pre(Plan.PRE_COLUMN, "domain", name(t), Action.ALTER, alter + " DROP NOT NULL;");
            }
            for (int i = 0; i < f.checkNames().size(); i++) {
                int j = t.checkNames().indexOf(f.checkNames().get(i));
                if (j < 0 || !t.checkDefs().get(j).equals(f.checkDefs().get(i))) {
                    ctx.plan.pre(Plan.PRE_DROP_CONSTRAINT, "domain", name(t), Action.ALTER, "ALTER DOMAIN "
                            + q(f.schema(), f.name()) + " DROP CONSTRAINT " + q(f.checkNames().get(i)) + ";");
                }
            }
        }
        if (t.notNull() && (f == null || !f.notNull())) {
            ctx.plan.post(Plan.POST_NOT_NULL, "domain", name(t), Action.ALTER, alter + " SET NOT NULL;");
        }
        for (int i = 0; i < t.checkNames().size(); i++) {
            int j = f == null ? -1 : f.checkNames().indexOf(t.checkNames().get(i));
            if (j < 0 || !t.checkDefs().get(i).equals(f.checkDefs().get(j))) {
                ctx.plan.post(Plan.POST_CONSTRAINT, "domain", name(t), Action.ALTER, alter + " ADD CONSTRAINT "
                        + q(t.checkNames().get(i)) + " " + t.checkDefs().get(i) + ";");
            }
        }
    }
}
