package dev.foldout.internal.diff;

import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * An md5 of a database's user schema by name and definition (no OIDs, so a copy of the database has the same
 * one): relations, columns and their types, constraints, indexes, functions and types. A diff records its
 * parent's; apply refuses a parent whose fingerprint moved.
 */
final class SchemaFingerprint {
    private static final String USER_NS = "select oid from pg_namespace where nspname not in ('pg_catalog', 'information_schema') "
            + "and nspname not like 'pg\\_toast%' and nspname not like 'pg\\_temp%'";
    private static final String SQL = "select md5(coalesce(string_agg(x, E'\\n' order by x), '')) from ("
            + "select 'r ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || c.relpersistence::text "
            + "from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relnamespace in (" + USER_NS + ") "
            + "union all select 'a ' || c.relnamespace::regnamespace::text || '.' || c.relname || ' ' || a.attnum::text || ' ' "
            + "|| a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' ' || a.attgenerated::text "
            + "|| ' ' || a.attidentity::text from pg_attribute a join pg_class c on c.oid = a.attrelid "
            + "where c.relnamespace in (" + USER_NS + ") and a.attnum > 0 and not a.attisdropped "
            + "union all select 'k ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) "
            + "from pg_constraint where connamespace in (" + USER_NS + ") "
            + "union all select 'i ' || pg_get_indexdef(indexrelid) from pg_index i join pg_class c on c.oid = i.indexrelid "
            + "where c.relnamespace in (" + USER_NS + ") "
            + "union all select 'f ' || p.oid::regprocedure::text || ' ' || md5(coalesce(p.prosrc, '')) from pg_proc p "
            + "where p.pronamespace in (" + USER_NS + ") "
            + "union all select 't ' || format_type(t.oid, null) || ' ' || t.typtype::text from pg_type t "
            + "where t.typnamespace in (" + USER_NS + ") and t.typtype in ('e', 'd', 'c') and (t.typtype <> 'c' or "
            + "(select relkind from pg_class where oid = t.typrelid) = 'c')"
            + "union all select 'e ' || e.enumtypid::regtype::text || ' ' || e.enumsortorder::text || ' ' || e.enumlabel "
            + "from pg_enum e) s(x)";

    private SchemaFingerprint() {
    }

    /** The fingerprint of the database {@code c} is connected to. */
    static String of(Connection c) throws SQLException {
        return Jdbc.string(c, SQL);
    }
}
