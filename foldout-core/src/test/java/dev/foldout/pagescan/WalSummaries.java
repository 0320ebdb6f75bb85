package dev.foldout.pagescan;

import dev.foldout.Lsn;
import java.sql.Connection;
import java.sql.SQLException;

/** The blocks of a relation that the WAL summaries (PostgreSQL 17+) list as modified after a checkpoint. */
final class WalSummaries {
    private static final long WAIT_MILLIS = 60_000;

    private WalSummaries() {
    }

    /**
     * The heap blocks of {@code table} modified in the summaries from {@code redo} (the redo point of the
     * checkpoint taken just before {@code branch}) on, once the summarizer has caught up with the last checkpoint.
     */
    static long[] changedBlocks(Connection c, String table, String redo, Lsn branch) throws SQLException, InterruptedException {
        Lsn target = Lsn.parse(RealCluster.text(c, "SELECT redo_lsn FROM pg_control_checkpoint()"));
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (Lsn.parse(RealCluster.text(c, "SELECT summarized_lsn FROM pg_get_wal_summarizer_state()")).compareTo(target) < 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the WAL summarizer did not reach " + target + " in " + WAIT_MILLIS + " ms");
            }
            Thread.sleep(50);
        }
        return RealCluster.longs(c, "SELECT DISTINCT w.relblocknumber FROM pg_available_wal_summaries() s, "
                + "LATERAL pg_wal_summary_contents(s.tli, s.start_lsn, s.end_lsn) w, pg_class r, pg_database d "
                + "WHERE r.oid = '" + table + "'::regclass AND d.datname = current_database() "
                + "AND s.start_lsn >= '" + redo + "'::pg_lsn AND s.end_lsn > '" + branch + "'::pg_lsn "
                + "AND w.relfilenode = r.relfilenode AND w.reldatabase = d.oid AND w.relforknumber = 0 "
                + "AND NOT w.is_limit_block ORDER BY 1").stream().mapToLong(Long::longValue).toArray();
    }
}
