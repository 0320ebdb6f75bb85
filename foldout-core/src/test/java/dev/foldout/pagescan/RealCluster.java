package dev.foldout.pagescan;

import dev.foldout.Lsn;
import dev.foldout.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Helpers for the integration tests on the test cluster: queries, the geometry from SHOW, relations by
 * name, and the blocks pageinspect says were written after an LSN (read through shared buffers, not the files).
 */
final class RealCluster {
    private RealCluster() {
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static List<Long> longs(Connection c, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    static void exec(Connection c, String... sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    static PageGeometry geometry(Connection c) throws SQLException {
        return PageGeometry.fromSettings(text(c, "SHOW block_size"), text(c, "SHOW segment_size"));
    }

    /** The main fork of {@code relation} (a name this test made), through pg_relation_filepath. */
    static Relation relation(Connection c, String relation) throws SQLException {
        Path dataDir = TestPostgres.instance().spec().dataDirectory();
        return Relation.of(dataDir.resolve(text(c, "SELECT pg_relation_filepath('" + relation + "')")), geometry(c));
    }

    static Lsn currentLsn(Connection c) throws SQLException {
        return Lsn.parse(text(c, "SELECT pg_current_wal_lsn()"));
    }

    /** The blocks of {@code relation} whose page LSN is past {@code since}, or new, as pageinspect reads them. */
    static long[] pageinspectChanged(Connection c, String relation, Lsn since) throws SQLException {
        return longs(c, "SELECT b FROM generate_series(0, pg_relation_size('" + relation + "') / current_setting('block_size')::int - 1) b, "
                + "LATERAL page_header(get_raw_page('" + relation + "', b::int)) h "
                + "WHERE h.lsn > '" + since + "'::pg_lsn OR h.upper = 0 ORDER BY b").stream().mapToLong(Long::longValue).toArray();
    }

    /** The blocks of the rows of {@code table} whose id is in {@code ids}, from their ctid. */
    static List<Long> blocksOf(Connection c, String table, String ids) throws SQLException {
        return longs(c, "SELECT DISTINCT (ctid::text::point)[0]::bigint FROM " + table + " WHERE id IN (" + ids + ")");
    }
}
