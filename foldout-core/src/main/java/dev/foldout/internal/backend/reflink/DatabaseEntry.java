package dev.foldout.internal.backend.reflink;

import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes a new database's catalog entries say what {@code CREATE DATABASE ... TEMPLATE source} would have said, once
 * its files are the source's: the {@code pg_database} columns a copy inherits from its template (encoding, locale,
 * collation version, frozen transaction and multixact horizons, login event triggers) and the source's rows in
 * {@code pg_shdepend} (which roles own or are granted objects in it), as {@code createdb()} copies them.
 */
final class DatabaseEntry {
    /** Columns of pg_database a copy takes from its template, in any of PostgreSQL 15 to 17. */
    private static final Set<String> INHERITED = Set.of("encoding", "datlocprovider", "datcollate", "datctype",
            "daticulocale", "datlocale", "daticurules", "datcollversion", "datfrozenxid", "datminmxid", "dathasloginevt");

    private DatabaseEntry() {
    }

    /** Copies the inherited columns and shared dependencies of {@code sourceOid} to {@code targetOid}. */
    static void inherit(Connection c, long sourceOid, long targetOid) throws SQLException {
        List<String> columns = Jdbc.query(c, "select attname::text from pg_attribute where attrelid = 'pg_database'::regclass "
                + "and attnum > 0 and not attisdropped order by attnum", rs -> rs.getString(1)).stream()
                .filter(INHERITED::contains).toList();
        // column names come from the fixed list above, never from user input
        String set = columns.stream().map(col -> col + " = s." + col).collect(Collectors.joining(", "));
        Jdbc.update(c, "update pg_database t set " + set + " from pg_database s where t.oid = ?::bigint::oid "
                + "and s.oid = ?::bigint::oid", targetOid, sourceOid);
        Jdbc.update(c, "insert into pg_shdepend (dbid, classid, objid, objsubid, refclassid, refobjid, deptype) "
                + "select ?::bigint::oid, classid, objid, objsubid, refclassid, refobjid, deptype from pg_shdepend "
                + "where dbid = ?::bigint::oid", targetOid, sourceOid);
    }
}
