package dev.foldout.internal.diff.schema;

import dev.foldout.internal.diff.schema.Model.Relation;
import dev.foldout.internal.diff.schema.ObjectChange.Action;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The state one comparison shares between the per-kind differs. */
final class Ctx {
    final Catalog from;
    final Catalog to;
    final boolean related;
    final Plan plan = new Plan();
    final List<Unsupported> unsupported = new ArrayList<>();
    final Map<Long, Relation> fromRels;
    final Map<Long, Relation> toRels;
    /** Current-side relation OID to the desired side's matching relation. */
    final Map<Long, Relation> relFromTo = new HashMap<>();
    /** Desired-side relation OID to the current side's matching relation. */
    final Map<Long, Relation> relToFrom = new HashMap<>();
    /** Current-side columns ({@code Column.oid()}) whose type changes or that are dropped: views using them go. */
    final Set<Long> changedColumns = new HashSet<>();
    /**
     * Desired-side relations some of whose rows hold values that only the catalog has (fast defaults) and that the
     * current side does not hold the same way: no block locator sees them, so their tables are compared in full.
     */
    final Set<Long> hiddenValues = new HashSet<>();
    /** Current-side relations that are dropped or rebuilt. */
    final Set<Long> droppedRelations = new HashSet<>();
    /** Current-side enum type OIDs that are rebuilt, so that their columns are converted. */
    final Set<Long> rebuiltEnums = new HashSet<>();

    /**
     * Current-side tables with a column converted to a rebuilt enum: their check constraints and indexes with casts
     * are dropped before and added after, since their stored expressions name the old type.
     */
    final Set<Long> enumTables = new HashSet<>();
    /** Schema renames: current-side name to desired-side name. */
    final Map<String, String> schemaRenames = new HashMap<>();
    /** Desired-side enum type OIDs rebuilt again after the rows, to drop the values the desired side lacks. */
    final Set<Long> finalEnums = new HashSet<>();

    /** The role the DDL will run as on the current side: new objects belong to it. */
    final String applyUser;

    Ctx(Catalog from, Catalog to, boolean related, String applyUser) {
        this.applyUser = applyUser;
        this.from = from;
        this.to = to;
        this.related = related;
        this.fromRels = from.relationsByOid();
        this.toRels = to.relationsByOid();
    }

    /** A current-side schema name as it is called once the renames ran. */
    String schema(String fromSchema) {
        return schemaRenames.getOrDefault(fromSchema, fromSchema);
    }

    /** The name-based identity of a current-side schema object, in the desired side's terms. */
    String key(String fromSchema, String name) {
        return schema(fromSchema) + '\0' + name;
    }

    void unsupported(String kind, String name, String reason) {
        unsupported.add(new Unsupported(kind, name, reason));
    }

    /** {@code COMMENT ON ...} when the comment differs. */
    void comment(String kind, String name, String target, String fromComment, String toComment) {
        if (!Objects.equals(fromComment, toComment)) {
            plan.post(Plan.POST_COMMENT, kind, name, Action.ALTER,
                    "COMMENT ON " + target + " IS " + Sql.literal(toComment) + ";");
        }
    }

    /** GRANT/REVOKE when the grants differ; {@code fromAcl} null for an object new on the desired side. */
    void grants(String kind, String name, String on, List<String> fromAcl, String fromOwner, List<String> toAcl,
                String toOwner, List<String> defaultAcl) {
        grants(kind, name, on, on, fromAcl, fromOwner, toAcl, toOwner, defaultAcl);
    }

    /**
     * GRANT/REVOKE when the grants differ, and — between related databases, whose roles are the same — ALTER …
     * OWNER TO when the owner differs; {@code fromAcl} null for an object new (or re-created) on the desired side.
     *
     * @param alter the object as ALTER names it, e.g. {@code VIEW "s"."v"} (GRANT says {@code TABLE}); null when its
     *              owner follows another object's (sequences of serial and identity columns)
     */
    void grants(String kind, String name, String on, String alter, List<String> fromAcl, String fromOwner,
                List<String> toAcl, String toOwner, List<String> defaultAcl) {
        String current = fromAcl == null ? applyUser : fromOwner;
        if (alter != null && related && toOwner != null && current != null && !toOwner.equals(current)) {
            plan.post(Plan.POST_OWNER, kind, name, Action.ALTER, "ALTER " + alter + " OWNER TO " + Sql.q(toOwner) + ";");
        }
        List<String> fa = fromAcl == null ? defaultAcl : fromAcl;
        String fo = fromAcl == null ? toOwner : fromOwner;
        for (String sql : Acl.statements(Acl.parse(fa, fo), Acl.parse(toAcl, toOwner), on, "")) {
            plan.post(Plan.POST_GRANT, kind, name, Action.ALTER, sql);
        }
    }

    /** {@code phase}, or {@link Plan#POST_ON_VIEW} when the desired-side relation is a view (made late). */
    int postPhaseOn(long toRelation, int phase) {
        Relation r = toRels.get(toRelation);
        return r != null && r.isView() ? Plan.POST_ON_VIEW : phase;
    }

    static String display(String schema, String name) {
        return schema + "." + name;
    }
}
