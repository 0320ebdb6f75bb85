package dev.foldout.internal.diff.locate;

import dev.foldout.internal.diff.rows.Leaf;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.pagescan.PageGeometry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What {@link InstancePageScan} reads of one side, in the diff's own transaction on it (so the transaction IDs are
 * those of the snapshot the rows are read in).
 *
 * @param databaseOid  the database's OID: a copy keeps it, a database made anew since the cut has another
 * @param walLevel     {@code wal_level}
 * @param port         the port the server listens on, to tell its data directory by its {@code postmaster.pid}
 * @param geometry     block and segment size
 * @param xmax         the snapshot's xmax, a full (64-bit) transaction ID: every transaction below it had ended
 *                     when the snapshot was taken, or is open in it; none at or past it is seen
 * @param oldestXid    the oldest {@code relfrozenxid} of the leaves, as a full transaction ID: no row of theirs
 *                     carries an older one; {@code xmax} when no leaf has one
 * @param prepared     the 32-bit IDs of the transactions prepared for two-phase commit
 */
record ClusterFacts(long databaseOid, String walLevel, int port, PageGeometry geometry, long xmax, long oldestXid,
                    long[] prepared) {
    private static final String SQL = "select d.oid::int8, current_setting('wal_level'), current_setting('port')::int, "
            + "current_setting('block_size'), current_setting('segment_size'), "
            + "pg_snapshot_xmax(pg_current_snapshot())::text::int8, "
            + "(select c.relfrozenxid::text::int8 from pg_class c where c.oid = any(?::oid[]) and c.relfrozenxid::text <> '0' "
            + "order by age(c.relfrozenxid) desc limit 1), "
            + "array(select p.transaction::text::int8 from pg_prepared_xacts p) "
            + "from pg_database d where d.datname = current_database()";

    /** Reads the facts through {@code c}, a connection in the diff's transaction on that side. */
    static ClusterFacts read(Connection c, List<Leaf> leaves) throws SQLException {
        Array oids = c.createArrayOf("int8", leaves.stream().map(Leaf::oid).toArray());
        return Jdbc.queryOne(c, SQL, rs -> {
            long xmax = rs.getLong(6);
            long frozen = rs.getLong(7);
            long oldest = rs.wasNull() ? xmax : full(frozen, xmax);
            Long[] prepared = (Long[]) rs.getArray(8).getArray();
            return new ClusterFacts(rs.getLong(1), rs.getString(2), rs.getInt(3),
                    PageGeometry.fromSettings(rs.getString(4), rs.getString(5)), xmax, oldest,
                    java.util.Arrays.stream(prepared).mapToLong(Long::longValue).toArray());
        }, oids).orElseThrow(() -> new SQLException("the diff's database is not in pg_database"));
    }

    /**
     * The full transaction ID of the 32-bit {@code xid} that is at most 2^31 transactions before {@code reference}
     * (a relfrozenxid never lags further: the server stops giving out IDs before it would).
     */
    static long full(long xid, long reference) {
        long back = ((reference & 0xFFFFFFFFL) - xid) & 0xFFFFFFFFL;
        return reference - back;
    }
}
