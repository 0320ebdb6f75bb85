package dev.foldout.internal.diff.schema;

import static dev.foldout.internal.diff.schema.Sql.q;

import dev.foldout.internal.diff.schema.Matcher.Pair;
import dev.foldout.internal.diff.schema.Model.Column;
import dev.foldout.internal.diff.schema.Model.Relation;
import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The columns of one table. Before the rows: adds (nullable, no default; identity added after the rows), renames,
 * type changes, DROP NOT NULL, DROP DEFAULT, enum conversions. After: SET DEFAULT, SET NOT NULL, identity, drops.
 */
final class ColumnDiff {
    private ColumnDiff() {
    }

    record Result(List<ColumnMapping> mapping) {
    }

    static Result diff(Ctx ctx, Relation fromRel, Relation t, List<Column> from, List<Column> to) {
        List<ColumnMapping> mapping = new ArrayList<>();
        boolean sameTable = fromRel != null && fromRel.oid() == t.oid();
        List<Pair<Column>> pairs = Matcher.match(from, to, Column::key, Column::key, ctx.related && sameTable,
                (a, b) -> true);
        String qt = q(t.schema(), t.name());
        String table = TableDiff.name(t);
        for (Pair<Column> p : pairs) {
            Column f = p.from();
            Column c = p.to();
            boolean inherited = t.partition() || (c != null ? c.inheritCount() > 0 : f.inheritCount() > 0);
            if (c != null) {
                // the ADD COLUMN below gives the rows already there the fast default: they are compared as holding it
                boolean carries = f == null && fromRel != null && !inherited && c.missing() != null && c.generated() == 0;
                mapping.add(new ColumnMapping(f == null ? null : f.name(), c.name(), carries ? c.missing() : null));
            }
            if (c != null && c.missingText() != null && (f == null ? fromRel != null && (inherited || c.missing() == null)
                    : !Objects.equals(f.missingText(), c.missingText()))) {
                ctx.hiddenValues.add(t.oid());
            }
            if (inherited) {
                continue; // partitions and inheritance children get their columns from the parent
            }
            if (fromRel == null) {
                created(ctx, qt, table, c);
                continue;
            }
            Columns cols = new Columns(ctx, qt, table);
            if (p.dropped()) {
                ctx.changedColumns.add(f.oid());
                if (f.identity() != 0) {
                    cols.pre(f.name(), "DROP IDENTITY");
                }
                if (f.notNull()) {
                    cols.pre(f.name(), "DROP NOT NULL");
                }
                ctx.plan.post(Plan.POST_DROP_COLUMN, "table", table, Action.ALTER, "ALTER TABLE " + qt
                        + " DROP COLUMN IF EXISTS " + q(f.name()) + ";");
                continue;
            } else if (p.created()) {
                // rows the desired side had before it added the column hold its fast default without storing it, and
                // no locator sees them: the column is added with that value, and the desired default set after
                boolean fastDefault = c.missing() != null && c.generated() == 0;
                ctx.plan.pre(Plan.PRE_COLUMN, "table", table, Action.ALTER, "ALTER TABLE " + qt + " ADD COLUMN "
                        + ColumnDdl.definition(c, ctx.to.sequences(), false)
                        + (fastDefault ? " DEFAULT " + Sql.literal(c.missing()) + "::" + c.type() : "") + ";");
                if (fastDefault && c.defaultExpr() == null) {
                    cols.post(Plan.POST_DEFAULT, c.name(), "DROP DEFAULT");
                }
                after(ctx, cols, null, c);
            } else {
                matched(ctx, cols, f, c);
            }
            ctx.comment("column", table + "." + c.name(), "COLUMN " + qt + "." + q(c.name()),
                    f == null ? null : f.comment(), c.comment());
            columnGrants(ctx, qt, table, f, c);
        }
        return new Result(mapping);
    }

    /** ALTER TABLE … ALTER COLUMN statements of one table. */
    private record Columns(Ctx ctx, String qt, String table) {
        void pre(String column, String action) {
            pre(Plan.PRE_COLUMN, column, action);
        }

        void pre(int phase, String column, String action) {
            ctx.plan.pre(phase, "table", table, Action.ALTER, "ALTER TABLE " + qt + " ALTER COLUMN " + q(column) + " "
                    + action + ";");
        }

        void post(int phase, String column, String action) {
            ctx.plan.post(phase, "table", table, Action.ALTER, "ALTER TABLE " + qt + " ALTER COLUMN " + q(column) + " "
                    + action + ";");
        }
    }

    private static void created(Ctx ctx, String qt, String table, Column c) {
        Columns cols = new Columns(ctx, qt, table);
        if (c.defaultExpr() != null && c.generated() == 0) {
            cols.post(Plan.POST_DEFAULT, c.name(), "SET DEFAULT " + c.defaultExpr());
        }
        settings(cols, null, c);
        finalEnum(ctx, cols, c);
        ctx.comment("column", table + "." + c.name(), "COLUMN " + qt + "." + q(c.name()), null, c.comment());
        columnGrants(ctx, qt, table, null, c);
    }

    private static void matched(Ctx ctx, Columns cols, Column f, Column c) {
        if (!f.name().equals(c.name())) {
            ctx.plan.pre(Plan.PRE_RENAME, "table", cols.table(), Action.ALTER, "ALTER TABLE " + cols.qt()
                    + " RENAME COLUMN " + q(f.name()) + " TO " + q(c.name()) + ";");
        }
        String name = c.name();
        boolean defaultDropped = false;
        if (c.generated() != f.generated() || c.generated() != 0 && !Objects.equals(f.defaultExpr(), c.defaultExpr())) {
            if (c.generated() == 0) {
                cols.pre(name, "DROP EXPRESSION");
                defaultDropped = true;
            } else if (f.generated() == 's' && c.generated() == 's' && ctx.from.serverVersion() >= 170000) {
                cols.pre(name, "SET EXPRESSION AS (" + c.defaultExpr() + ")");
            } else {
                ctx.changedColumns.add(f.oid());
                ctx.plan.pre(Plan.PRE_COLUMN, "table", cols.table(), Action.ALTER, "ALTER TABLE " + cols.qt()
                        + " DROP COLUMN " + q(name) + ";");
                ctx.plan.pre(Plan.PRE_COLUMN, "table", cols.table(), Action.ALTER, "ALTER TABLE " + cols.qt()
                        + " ADD COLUMN " + ColumnDdl.definition(c, ctx.to.sequences(), false) + ";");
                after(ctx, cols, null, c);
                return;
            }
        }
        if (f.identity() != 0 && c.identity() == 0) {
            cols.pre(name, "DROP IDENTITY");
        }
        boolean retype = !f.type().equals(c.type()) || !Objects.equals(f.collation(), c.collation());
        boolean enumRebuilt = !retype && (ctx.rebuiltEnums.contains(f.typeOid()) || ctx.rebuiltEnums.contains(f.elemOid()));
        boolean defaultChanges = c.generated() == 0 && !Objects.equals(f.defaultExpr(), c.defaultExpr());
        if (f.defaultExpr() != null && f.generated() == 0 && !defaultDropped && (retype || enumRebuilt || defaultChanges
                || ctx.finalEnums.contains(c.typeOid()) || ctx.finalEnums.contains(c.elemOid()))) {
            cols.pre(name, "DROP DEFAULT");
        }
        if (retype) {
            ctx.changedColumns.add(f.oid());
            String type = c.type() + (c.collation() == null ? "" : " COLLATE " + c.collation());
            cols.pre(name, "TYPE " + type + (c.generated() != 0 ? "" : " USING " + q(name) + "::" + c.type()));
        } else if (enumRebuilt) {
            ctx.changedColumns.add(f.oid());
            ctx.enumTables.add(f.table());
            cols.pre(Plan.PRE_ENUM_COLUMN, name, "TYPE " + c.type() + " USING " + q(name) + "::"
                    + (c.elemOid() != 0 ? "text[]" : "text") + "::" + c.type());
        }
        if (f.notNull() && !c.notNull()) {
            cols.pre(name, "DROP NOT NULL");
        }
        if (f.identity() != 0 && c.identity() == 'd' && f.identity() == 'a') {
            cols.pre(name, "SET GENERATED BY DEFAULT");
        }
        after(ctx, cols, f, c);
    }

    /** What runs after the rows: default, NOT NULL, identity. */
    private static void after(Ctx ctx, Columns cols, Column f, Column c) {
        String name = c.name();
        if (c.defaultExpr() != null && c.generated() == 0 && (f == null || !Objects.equals(f.defaultExpr(), c.defaultExpr())
                || !f.type().equals(c.type()) || ctx.rebuiltEnums.contains(f.typeOid())
                || ctx.rebuiltEnums.contains(f.elemOid()) || ctx.finalEnums.contains(c.typeOid())
                || ctx.finalEnums.contains(c.elemOid()))) {
            cols.post(Plan.POST_DEFAULT, name, "SET DEFAULT " + c.defaultExpr());
        }
        if (c.notNull() && (f == null || !f.notNull())) {
            cols.post(Plan.POST_NOT_NULL, name, "SET NOT NULL");
        }
        if (c.identity() != 0 && (f == null || f.identity() == 0)) {
            cols.post(Plan.POST_IDENTITY, name, "ADD " + ColumnDdl.identity(c, ctx.to.sequences()));
        } else if (c.identity() == 'a' && f != null && f.identity() == 'd') {
            cols.post(Plan.POST_IDENTITY, name, "SET GENERATED ALWAYS");
        }
        settings(cols, f, c);
        finalEnum(ctx, cols, c);
    }

    /** SET STORAGE / COMPRESSION / STATISTICS where they differ, back to the default where the desired side has none. */
    private static void settings(Columns cols, Column f, Column c) {
        List<String> from = f == null ? List.of() : f.settings();
        for (String kind : List.of("STORAGE ", "COMPRESSION ", "STATISTICS ")) {
            String was = from.stream().filter(s -> s.startsWith(kind)).findFirst().orElse(null);
            String now = c.settings().stream().filter(s -> s.startsWith(kind)).findFirst().orElse(null);
            if (!Objects.equals(was, now)) {
                cols.post(Plan.POST_DEFAULT, c.name(), "SET " + (now != null ? now
                        : kind.equals("STATISTICS ") ? "STATISTICS -1" : kind + "DEFAULT"));
            }
        }
    }

    private static void finalEnum(Ctx ctx, Columns cols, Column c) {
        if (ctx.finalEnums.contains(c.typeOid()) || ctx.finalEnums.contains(c.elemOid())) {
            ctx.enumTables.add(c.table());
            cols.post(Plan.POST_ENUM, c.name(), "TYPE " + c.type() + " USING " + q(c.name()) + "::"
                    + (c.elemOid() != 0 ? "text[]" : "text") + "::" + c.type());
        }
    }

    private static void columnGrants(Ctx ctx, String qt, String table, Column f, Column c) {
        List<String> fromAcl = f == null ? List.of() : f.acl();
        for (String sql : Acl.statements(Acl.parse(fromAcl, null), Acl.parse(c.acl(), null), "TABLE " + qt,
                " (" + q(c.name()) + ")")) {
            ctx.plan.post(Plan.POST_GRANT, "table", table, Action.ALTER, sql);
        }
    }
}
