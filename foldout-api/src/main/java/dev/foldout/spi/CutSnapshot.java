package dev.foldout.spi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The source cluster's transactions at the cut of a {@link ClusterCopy}: which transaction IDs may end differently in
 * the copy and in the source. An {@link InstanceBackend} takes it with {@link #take} after it has read the cut LSN and
 * before the copy point (the instant the copy's content is fixed: an atomic file-system snapshot, or
 * {@code pg_backup_stop} for a base backup), and makes sure that every WAL record written before it reaches the copy
 * (a CHECKPOINT, or the WAL switch of {@code pg_backup_stop}, in between). Then:
 * <ul>
 * <li>every transaction below {@code xmin} had ended when it was taken, and its commit or abort record is in the copy:
 *     it ended alike on both sides;</li>
 * <li>every transaction at or past {@code next} was given its ID after the cut LSN was read, so each row it wrote is
 *     in a page stamped past the cut;</li>
 * <li>only the IDs in between can have left rows in pages neither side wrote since the cut and end differently (one
 *     open at the cut, committed on the source and cut off by the copy's crash recovery).</li>
 * </ul>
 * {@code next} is the transaction counter, not the snapshot's {@code xmax} (one past the highest ended transaction):
 * a transaction given its ID before the cut may still run at or past {@code xmax}.
 *
 * The whole of [xmin, next) matters, not only the snapshot's list of running IDs, which leaves out the
 * subtransactions of a transaction that has more than fit in it. (The snapshot leaves out a lazy VACUUM, which may
 * hold an ID below xmin to truncate a table, but stamps no row with it.)
 *
 * @param xmin the lowest transaction ID still running ({@code pg_snapshot_xmin} of {@code pg_current_snapshot()}), a
 *             full 64-bit ID; every running one, subtransactions included, is at or past it
 * @param next the next transaction ID to be given out, a full 64-bit ID; at least {@code xmin}
 */
public record CutSnapshot(long xmin, long next) {
    /**
     * The snapshot and the counter in one statement: the statement's snapshot, and {@code age(xmin)}, which counts
     * from the next ID to be given out (in a transaction that has none of its own), read after it.
     */
    private static final String SQL = "select pg_snapshot_xmin(s)::text::int8, age(pg_snapshot_xmin(s)::xid)::int8 "
            + "from pg_current_snapshot() s";

    /** Validates the record. */
    public CutSnapshot {
        if (xmin < 0 || next < xmin) {
            throw new IllegalArgumentException("a cut snapshot needs 0 <= xmin <= next, was xmin " + xmin + ", next " + next);
        }
    }

    /**
     * Takes it on {@code source}, a connection in auto-commit mode (so the statement runs in a transaction of its own
     * that has no transaction ID) to the source cluster.
     */
    public static CutSnapshot take(Connection source) throws SQLException {
        if (!source.getAutoCommit()) {
            throw new IllegalArgumentException("a cut snapshot is taken in a transaction of its own: pass a connection in "
                    + "auto-commit mode");
        }
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
            rs.next();
            long xmin = rs.getLong(1);
            long age = rs.getLong(2);
            if (age < 0 || age == Integer.MAX_VALUE) {
                throw new SQLException("age(" + xmin + ") was " + age + ": the server's transaction counter is not past the "
                        + "snapshot's xmin, which no PostgreSQL does - report it");
            }
            return new CutSnapshot(xmin, xmin + age);
        }
    }

    /** The IDs that may end differently, as the server writes a range: {@code [xmin,next)}. */
    @Override
    public String toString() {
        return "[" + xmin + "," + next + ")";
    }
}
