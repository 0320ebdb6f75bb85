package dev.foldout.internal.diff.locate;

import dev.foldout.spi.CutSnapshot;
import java.util.Optional;

/**
 * The transaction IDs whose commit-log status {@link InstancePageScan} compares between the two clusters, as full
 * (64-bit) IDs: {@code [from, to)}, and {@code limit}, past which a prepared transaction of the parent is not one the
 * branch shares.
 *
 * <p>With the cut's transactions known ({@link CutSnapshot}, recorded when the branch was made): {@code [xmin, next)}
 * of the cut, the only IDs that can have left rows in pages neither side wrote since and ended differently (one
 * given out after the cut wrote every row of its in a page stamped past the cut, which the page scan reads on both
 * sides; one ended before the snapshot ended alike on both). Without: every ID a row of the leaves may carry, from
 * the oldest {@code relfrozenxid}; then an ID given out after the cut and ended differently (a rollback on one side, a
 * commit on the other) sends the diff to a full compare too. Either way cut to below both diff snapshots' xmax: past
 * the parent's, nothing is committed there but a prepared transaction (checked one by one); past the branch's, no ID
 * is one the branch holds from the parent's past (its recovery sets its counter past every ID in the WAL it replayed).
 *
 * @param from     the first ID compared
 * @param to       one past the last ID compared (at most {@code from}: none)
 * @param limit    the parent's prepared transactions at or past this are not compared
 * @param atTheCut whether the range is the cut's running transactions (else the wide range, the cut's being unknown)
 */
record XidRange(long from, long to, long limit, boolean atTheCut) {

    /** The range for the diff of a branch whose cut recorded {@code cut} (empty: not recorded). */
    static XidRange of(Optional<CutSnapshot> cut, ClusterFacts parent, ClusterFacts branch) {
        long oldest = Math.min(parent.oldestXid(), branch.oldestXid());
        long below = Math.min(parent.xmax(), branch.xmax());
        if (cut.isEmpty()) {
            return new XidRange(oldest, below, Long.MAX_VALUE, false);
        }
        return new XidRange(Math.max(oldest, cut.get().xmin()), Math.min(below, cut.get().next()), cut.get().next(), true);
    }

    /** How the diff names the range: {@code the transactions running at the cut (IDs 740 to 745)}. */
    String describe() {
        String ids = to > from ? "IDs " + from + " to " + (to - 1) : "none";
        return atTheCut ? "of the transactions running at the cut (" + ids + ")"
                : "of all transactions the tables may hold (" + ids + "; the cut's transactions were not recorded for "
                + "this branch)";
    }
}
