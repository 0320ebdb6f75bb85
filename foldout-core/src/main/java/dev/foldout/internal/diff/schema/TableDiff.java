package dev.foldout.internal.diff.schema;

import static dev.foldout.internal.diff.schema.Sql.q;

import dev.foldout.internal.diff.schema.Matcher.Pair;
import dev.foldout.internal.diff.schema.Model.Column;
import dev.foldout.internal.diff.schema.Model.Relation;
import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tables and partitioned tables: create, rename, move, attach and detach partitions, persistence, tablespace,
 * options, row-level security switches; columns through {@link ColumnDiff}. Fills the relation mapping and the
 * table list of the row diff.
 */
final class TableDiff {
    private TableDiff() {
    }

    static List<TableMapping> diff(Ctx ctx) {
        List<Relation> fromTables = ctx.from.relations().stream().filter(r -> r.kind() != 'v' && r.kind() != 'm').toList();
        List<Relation> toTables = new ArrayList<>(ctx.to.relations().stream().filter(r -> r.kind() != 'v' && r.kind() != 'm')
                .toList());
        toTables.sort(Comparator.comparingInt(r -> depth(ctx.toRels, r)));
        List<Pair<Relation>> pairs = Matcher.match(fromTables, toTables, f -> ctx.key(f.schema(), f.name()),
                Relation::key, ctx.related, (f, t) -> f.kind() == t.kind());
        for (Pair<Relation> p : pairs) {
            if (p.matched()) {
                ctx.relFromTo.put(p.from().oid(), p.to());
                ctx.relToFrom.put(p.to().oid(), p.from());
            }
        }
        Map<Long, List<Column>> fromCols = ctx.from.columnsByTable();
        Map<Long, List<Column>> toCols = ctx.to.columnsByTable();
        List<TableMapping> mappings = new ArrayList<>();
        for (Pair<Relation> p : pairs) {
            Relation f = p.from();
            Relation t = p.to();
            if (p.dropped()) {
                ctx.droppedRelations.add(f.oid());
                if (f.kind() == 'f') {
                    ctx.unsupported("foreign table", name(f), "exists only on the current side: drop it by hand");
                } else {
                    ctx.plan.post(Plan.POST_DROP_TABLE, "table", name(f), Action.DROP, "DROP TABLE IF EXISTS "
                            + q(ctx.schema(f.schema()), f.name()) + ";");
                }
                continue;
            }
            if (t.kind() == 'f') {
                if (f == null) {
                    ctx.unsupported("foreign table", name(t), "exists only on the desired side: create it by hand");
                }
                continue;
            }
            if (f != null && f.kind() != t.kind()) {
                ctx.unsupported("table", name(t), "it is " + (t.kind() == 'p' ? "" : "not ") + "partitioned on the desired"
                        + " side and " + (f.kind() == 'p' ? "" : "not ") + "on the current side: re-create it by hand");
                continue;
            }
            if (f != null && (!Objects.equals(f.partitionKey(), t.partitionKey()) || !f.inherits().isEmpty()
                    && !f.inherits().equals(t.inherits()))) {
                ctx.unsupported("table", name(t), "its partition key or inheritance differs: change the table by hand");
            }
            if (!t.inherits().isEmpty() && (f == null || !f.inherits().equals(t.inherits()))) {
                ctx.unsupported("table", name(t), "inherits from " + t.inherits() + " (table inheritance is not diffed):"
                        + " change the inheritance by hand");
            }
            String qn = q(t.schema(), t.name());
            List<Column> tc = toCols.getOrDefault(t.oid(), List.of());
            if (f == null) {
                create(ctx, t, tc);
            } else {
                alter(ctx, f, t);
            }
            ColumnDiff.Result cols = ColumnDiff.diff(ctx, f, t, f == null ? List.of() : fromCols.getOrDefault(f.oid(),
                    List.of()), tc);
            if (!t.partition()) {
                mappings.add(new TableMapping(f == null ? null : f.schema(), f == null ? null : f.name(),
                        f == null ? 0 : f.oid(), t.schema(), t.name(), t.oid(), cols.mapping(), false));
            }
            rls(ctx, f, t, qn);
            replicaIdentity(ctx, f, t, qn);
            ctx.comment("table", name(t), "TABLE " + qn, f == null ? null : f.comment(), t.comment());
            ctx.grants("table", name(t), "TABLE " + qn, f == null ? null : f.acl(), f == null ? null : f.owner(),
                    t.acl(), t.owner(), List.of());
        }
        return catalogOnly(ctx, mappings, ctx.toRels);
    }

    /** The mappings, marked {@code catalogOnly} where the table or one of its partitions has such values. */
    private static List<TableMapping> catalogOnly(Ctx ctx, List<TableMapping> mappings, Map<Long, Relation> rels) {
        java.util.Set<Long> roots = new java.util.HashSet<>();
        for (long oid : ctx.hiddenValues) {
            Relation r = rels.get(oid);
            for (int d = 0; r != null && r.partition() && d < 100; d++) {
                r = rels.get(r.parent());
            }
            roots.add(r == null ? oid : r.oid());
        }
        return mappings.stream().map(m -> roots.contains(m.toOid()) ? new TableMapping(m.fromSchema(), m.fromName(),
                m.fromOid(), m.toSchema(), m.toName(), m.toOid(), m.columns(), true) : m).toList();
    }

    static String name(Relation r) {
        return Ctx.display(r.schema(), r.name());
    }

    private static int depth(Map<Long, Relation> rels, Relation r) {
        int d = 0;
        for (Relation x = r; x != null && x.partition() && d < 100; x = rels.get(x.parent())) {
            d++;
        }
        return d;
    }

    private static void create(Ctx ctx, Relation t, List<Column> cols) {
        StringBuilder sb = new StringBuilder("CREATE ").append(t.persistence() == 'u' ? "UNLOGGED " : "").append("TABLE ")
                .append(q(t.schema(), t.name()));
        if (t.partition()) {
            Relation parent = ctx.toRels.get(t.parent());
            sb.append(" PARTITION OF ").append(q(parent.schema(), parent.name())).append(' ').append(t.bound());
        } else {
            List<String> defs = new ArrayList<>();
            for (Column c : cols) {
                defs.add(ColumnDdl.definition(c, ctx.to.sequences(), true) + (c.notNull() ? " NOT NULL" : ""));
            }
            sb.append(" (").append(String.join(", ", defs)).append(')');
        }
        if (t.partitionKey() != null) {
            sb.append(" PARTITION BY ").append(t.partitionKey());
        }
        if (!t.options().isEmpty()) {
            sb.append(" WITH (").append(String.join(", ", t.options())).append(')');
        }
        if (t.tablespace() != null) {
            sb.append(" TABLESPACE ").append(q(t.tablespace()));
        }
        ctx.plan.pre(Plan.PRE_TABLE, "table", name(t), Action.CREATE, sb.append(';').toString());
    }

    private static void alter(Ctx ctx, Relation f, Relation t) {
        String qn = q(t.schema(), t.name());
        String fs = ctx.schema(f.schema());
        if (f.partition() && (!t.partition() || !Objects.equals(f.bound(), t.bound())
                || ctx.relFromTo.get(f.parent()) == null || ctx.relFromTo.get(f.parent()).oid() != t.parent())) {
            Relation fp = ctx.fromRels.get(f.parent());
            ctx.plan.pre(Plan.PRE_DETACH, "table", name(t), Action.ALTER, "ALTER TABLE " + q(fp.schema(), fp.name())
                    + " DETACH PARTITION " + q(f.schema(), f.name()) + ";");
            f = new Relation(f.oid(), f.schema(), f.name(), f.kind(), f.persistence(), f.tablespace(), false, 0, null,
                    f.partitionKey(), f.rls(), f.forceRls(), f.options(), null, f.owner(), f.acl(), f.comment(), f.inherits(),
                    f.replicaIdentity(), f.replicaIndex());
        }
        if (!f.name().equals(t.name())) {
            ctx.plan.pre(Plan.PRE_RENAME, "table", name(t), Action.ALTER, "ALTER TABLE " + q(fs, f.name()) + " RENAME TO "
                    + q(t.name()) + ";");
        }
        if (!fs.equals(t.schema())) {
            ctx.plan.pre(Plan.PRE_RENAME, "table", name(t), Action.ALTER, "ALTER TABLE " + q(fs, t.name())
                    + " SET SCHEMA " + q(t.schema()) + ";");
        }
        if (t.partition() && !f.partition()) {
            Relation tp = ctx.toRels.get(t.parent());
            ctx.plan.pre(Plan.PRE_ATTACH, "table", name(t), Action.ALTER, "ALTER TABLE " + q(tp.schema(), tp.name())
                    + " ATTACH PARTITION " + qn + " " + t.bound() + ";");
        }
        if (f.persistence() != t.persistence() && t.kind() == 'r') {
            ctx.plan.pre(Plan.PRE_COLUMN, "table", name(t), Action.ALTER, "ALTER TABLE " + qn
                    + (t.persistence() == 'u' ? " SET UNLOGGED;" : " SET LOGGED;"));
        }
        if (!Objects.equals(f.tablespace(), t.tablespace())) {
            ctx.plan.pre(Plan.PRE_COLUMN, "table", name(t), Action.ALTER, "ALTER TABLE " + qn + " SET TABLESPACE "
                    + (t.tablespace() == null ? "pg_default" : q(t.tablespace())) + ";");
        }
        if (!f.options().equals(t.options())) {
            List<String> keys = f.options().stream().map(o -> o.substring(0, o.indexOf('='))).toList();
            if (!keys.isEmpty()) {
                ctx.plan.pre(Plan.PRE_COLUMN, "table", name(t), Action.ALTER, "ALTER TABLE " + qn + " RESET ("
                        + String.join(", ", keys) + ");");
            }
            if (!t.options().isEmpty()) {
                ctx.plan.pre(Plan.PRE_COLUMN, "table", name(t), Action.ALTER, "ALTER TABLE " + qn + " SET ("
                        + String.join(", ", t.options()) + ");");
            }
        }
    }

    private static void replicaIdentity(Ctx ctx, Relation f, Relation t, String qn) {
        char from = f == null ? 'd' : f.replicaIdentity();
        if (from == t.replicaIdentity() && (from != 'i' || Objects.equals(f.replicaIndex(), t.replicaIndex()))) {
            return;
        }
        String how = switch (t.replicaIdentity()) {
            case 'f' -> "FULL";
            case 'n' -> "NOTHING";
            case 'i' -> t.replicaIndex() == null ? "DEFAULT" : "USING INDEX " + q(t.replicaIndex());
            default -> "DEFAULT";
        };
        ctx.plan.post(Plan.POST_SEQUENCE, "table", name(t), Action.ALTER, "ALTER TABLE " + qn + " REPLICA IDENTITY " + how
                + ";");
    }

    private static void rls(Ctx ctx, Relation f, Relation t, String qn) {
        if (t.rls() != (f != null && f.rls())) {
            ctx.plan.post(Plan.POST_RLS, "table", name(t), Action.ALTER, "ALTER TABLE " + qn
                    + (t.rls() ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY;");
        }
        if (t.forceRls() != (f != null && f.forceRls())) {
            ctx.plan.post(Plan.POST_RLS, "table", name(t), Action.ALTER, "ALTER TABLE " + qn
                    + (t.forceRls() ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY;");
        }
    }
}
