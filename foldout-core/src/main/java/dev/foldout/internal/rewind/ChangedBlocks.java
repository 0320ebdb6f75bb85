package dev.foldout.internal.rewind;

import dev.foldout.Lsn;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.WalFlush;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The blocks of one database's main forks that the WAL names in a range, read with pg_walinspect in Foldout's catalog
 * database. Records that change no live tuple are left out - hint-bit page images, pruning, vacuuming, freezing,
 * the visibility map, row locks - so that a catalog a test only read (and so pruned) does not count as changed; so are
 * in-place updates, which only VACUUM makes (its page and row counts and frozen-ID horizons in pg_class): every
 * change to the schema also writes catalog rows the ordinary way.
 */
final class ChangedBlocks {
    private static final String BLOCKS = "select relfilenode::bigint, relblocknumber::bigint "
            + "from pg_get_wal_block_info(?::pg_lsn, ?::pg_lsn, false) where reldatabase = ?::bigint::oid "
            + "and relforknumber = 0 and not (resource_manager = 'XLOG' and record_type = 'FPI_FOR_HINT') "
            + "and not (resource_manager = 'Heap2' and (record_type like 'PRUNE%' or record_type in ('VACUUM', "
            + "'FREEZE_PAGE', 'VISIBLE'))) and not (resource_manager = 'Heap' and record_type in ('LOCK', 'INPLACE'))";
    private static final long FLUSH_WAIT_NANOS = 2_000_000_000L;

    private ChangedBlocks() {
    }

    /** The WAL read lost: a checkpoint removed part of the range. */
    static final class Gone extends Exception {
        Gone(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The end of the WAL to read: the insert position once it is flushed (asynchronous commits are flushed by committing
     * a transaction of this session's own, or waited for). A record starts there, so a later read may resume from it.
     */
    static Lsn end(Connection c) throws SQLException {
        String[] pos = Jdbc.queryOne(c, "select pg_current_wal_insert_lsn()::text, pg_current_wal_flush_lsn()::text",
                rs -> new String[] {rs.getString(1), rs.getString(2)}).orElseThrow();
        Lsn inserted = Lsn.parse(pos[0]);
        if (inserted.compareTo(Lsn.parse(pos[1])) <= 0) {
            return inserted;
        }
        if (WalFlush.flushTo(c, inserted, FLUSH_WAIT_NANOS).compareTo(inserted) < 0) {
            // this role commits asynchronously, and the WAL writer is stalled
            throw new SQLException("the server's WAL stayed unflushed for 2 s", "55000");
        }
        return inserted;
    }

    /** File node to the blocks of database {@code dbOid} the WAL in [{@code from}, {@code to}) names. */
    static Map<Long, SortedSet<Long>> read(Connection c, long dbOid, Lsn from, Lsn to) throws SQLException, Gone {
        Map<Long, SortedSet<Long>> out = new HashMap<>();
        if (to.compareTo(from) <= 0) {
            return out;
        }
        try {
            for (long[] b : Jdbc.query(c, BLOCKS, rs -> new long[] {rs.getLong(1), rs.getLong(2)}, from.toString(),
                    to.toString(), dbOid)) {
                out.computeIfAbsent(b[0], k -> new TreeSet<>()).add(b[1]);
            }
        } catch (SQLException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("could not find a valid record after")) {
                return out; // no record starts in the range: nothing was written
            }
            if (m.contains("has already been removed")) {
                throw new Gone("the WAL since " + from + " is gone (a checkpoint recycled it)");
            }
            throw e;
        }
        return out;
    }
}
