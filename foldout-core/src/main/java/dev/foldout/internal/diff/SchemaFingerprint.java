package dev.foldout.internal.diff;

import dev.foldout.internal.diff.schema.SchemaDiffer;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * An md5 of a database's user schema by name (no OIDs of its own, so a copy of the database has the same one):
 * relations, columns and their types, constraints, indexes, functions and types, read from the catalog rows
 * without the deparsers (cheap). A diff records its parent's; apply refuses a parent whose fingerprint moved.
 */
public final class SchemaFingerprint {
    static final String USER_NS = "select oid from pg_namespace where nspname not in ('pg_catalog', 'information_schema') "
            + "and nspname not like 'pg\\_toast%' and nspname not like 'pg\\_temp%'";
    private static final String NOT_EXTENSION = "not exists (select 1 from pg_depend d where d.objid = %s "
            + "and d.classid = '%s'::regclass and d.deptype = 'e')";
    private static final String SQL = "select md5(coalesce(string_agg(x, E'\\n' order by x), '')) from ("
            + "select concat_ws(' ', 'r', c.oid::regclass, c.relkind, c.relpersistence) from pg_class c "
            + "where c.relnamespace in (" + USER_NS + ") and " + NOT_EXTENSION.formatted("c.oid", "pg_class") + " "
            + "union all select concat_ws(' ', 'a', a.attrelid::regclass, a.attnum, a.attname, a.atttypid::regtype, a.atttypmod, "
            + "a.attnotnull, a.atthasdef, a.attgenerated, a.attidentity, a.attcollation::regcollation) from pg_attribute a "
            + "join pg_class c on c.oid = a.attrelid where c.relnamespace in (" + USER_NS + ") and a.attnum > 0 "
            + "and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm', 'c', 'f') "
            + "union all select concat_ws(' ', 'k', conrelid::regclass, contypid::regtype, conname, contype, conkey, confrelid::regclass, "
            + "confkey, convalidated, condeferrable, md5(conbin::text)) from pg_constraint where connamespace in (" + USER_NS + ") "
            + "union all select concat_ws(' ', 'i', indexrelid::regclass, indrelid::regclass, indkey, indisunique, indisprimary, "
            // indnullsnotdistinct came with PostgreSQL 15: read through to_jsonb, it is null (and left out) on 14
            + "to_jsonb(i) ->> 'indnullsnotdistinct', md5(coalesce(indexprs::text, '') || coalesce(indpred::text, ''))) from pg_index i "
            + "where indrelid in (select oid from pg_class where relnamespace in (" + USER_NS + ")) "
            + "union all select concat_ws(' ', 'f', p.oid::regprocedure, md5(coalesce(p.prosrc, ''))) from pg_proc p "
            + "where p.pronamespace in (" + USER_NS + ") and " + NOT_EXTENSION.formatted("p.oid", "pg_proc") + " "
            + "union all select concat_ws(' ', 't', t.oid::regtype, t.typtype, t.typbasetype::regtype, t.typnotnull) from pg_type t "
            + "where t.typnamespace in (" + USER_NS + ") and t.typtype in ('e', 'd') "
            + "union all select concat_ws(' ', 'e', e.enumtypid::regtype, e.enumsortorder, e.enumlabel) from pg_enum e "
            + "join pg_type t on t.oid = e.enumtypid where t.typnamespace in (" + USER_NS + ")) s(x)";

    /** Fingerprints by schema version ({@link SchemaDiffer.Versioned}); least recently used go first. */
    private static final Map<String, String> BY_VERSION = Lru.map(32);

    private SchemaFingerprint() {
    }

    /** The fingerprint of the database {@code c} is connected to. */
    public static String of(Connection c) throws SQLException {
        return Jdbc.string(c, SQL);
    }

    /**
     * The fingerprint of {@code c}'s database, whose schema is at {@code version}: computed once per version, since
     * the fingerprint depends on nothing the version does not cover.
     */
    public static String of(Connection c, String version) throws SQLException {
        synchronized (BY_VERSION) {
            String known = BY_VERSION.get(version);
            if (known != null) {
                return known;
            }
        }
        String fingerprint = of(c);
        synchronized (BY_VERSION) {
            BY_VERSION.put(version, fingerprint);
        }
        return fingerprint;
    }
}
