package dev.foldout.internal.diff.schema;

import dev.foldout.internal.sql.BothSides;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the DDL that makes one database's schema equal to another's. Each side's catalog is read in one round
 * trip (both sides at once, on two threads); the server's own deparsers give every definition, compared as text.
 */
public final class SchemaDiffer {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaDiffer.class);

    private SchemaDiffer() {
    }

    /**
     * The DDL that makes {@code from}'s schema equal to {@code to}'s.
     *
     * @param from    the current state, to which the DDL will be applied (the parent)
     * @param to      the desired state (the branch)
     * @param related true when {@code to} was copied from {@code from} (CREATE DATABASE … TEMPLATE, or a clone of
     *                the cluster): objects left unmatched by name are then matched by OID, so renames are found
     *                (ALTER … RENAME) rather than dropped and created, and owners are carried over (ALTER … OWNER TO:
     *                the roles are the same); otherwise objects are matched by name only and owners are left alone
     * @throws SQLException when a catalog query fails; the connections' {@code search_path} is left as it was
     */
    public static SchemaDiff compare(Connection from, Connection to, boolean related) throws SQLException {
        return compareVersioned(from, to, related).diff();
    }

    /**
     * The diff and the catalog version each side was read at.
     *
     * @param diff        the DDL
     * @param fromVersion names the current side's database and its schema's state: equal versions, equal schemas
     * @param toVersion   the same for the desired side
     */
    public record Versioned(SchemaDiff diff, String fromVersion, String toVersion) {
    }

    /** {@link #compare}, with the versions of the schemas compared: keys for what callers derive from them. */
    public static Versioned compareVersioned(Connection from, Connection to, boolean related) throws SQLException {
        long start = System.nanoTime();
        CatalogCache.Side fromSide;
        CatalogCache.Side toSide;
        if (from == to) {
            fromSide = CatalogCache.read(from);
            toSide = fromSide;
        } else {
            BothSides.Pair<CatalogCache.Side, CatalogCache.Side> sides = BothSides.read(() -> CatalogCache.read(from),
                    () -> CatalogCache.read(to));
            fromSide = sides.first();
            toSide = sides.second();
        }
        SchemaDiff diff = CatalogCache.diff(fromSide, toSide, related,
                () -> diff(fromSide.catalog(), toSide.catalog(), related, fromSide.fingerprint().user()));
        LOG.debug("schema compared in {} µs: {} pre-data and {} post-data statements, {} unsupported",
                (System.nanoTime() - start) / 1000, diff.preData().size(), diff.postData().size(), diff.unsupported().size());
        return new Versioned(diff, fromSide.fingerprint().version(), toSide.fingerprint().version());
    }

    static SchemaDiff diff(Catalog from, Catalog to, boolean related, String applyUser) {
        Ctx ctx = new Ctx(from, to, related, applyUser);
        SchemaObjectsDiff.diff(ctx);
        TypeDiff.diff(ctx);
        FunctionDiff.diff(ctx);
        List<TableMapping> tables = TableDiff.diff(ctx);
        ViewDiff.diff(ctx);
        ConstraintDiff.diff(ctx);
        TriggerPolicyDiff.diff(ctx);
        SequenceDiff.diff(ctx);
        OtherDiff.diff(ctx);
        return new SchemaDiff(ctx.plan.preData(), ctx.plan.postData(), ctx.plan.changes(), ctx.unsupported, tables);
    }
}
