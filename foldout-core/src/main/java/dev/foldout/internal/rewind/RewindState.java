package dev.foldout.internal.rewind;

import dev.foldout.Lsn;
import java.util.HashMap;
import java.util.Map;

/**
 * What a session knows of one branch it made: the WAL position at which the branch last equalled its parent, and,
 * for every block written since the branch was made, the live tuples it held then. A block not listed still holds
 * its parent's tuples. Each tuple is named by the place of the parent's tuple it copies.
 */
final class RewindState {
    /** A live tuple: its xmin, and the place of the parent's tuple it equals. */
    record Line(long xmin, long parentTid) {
    }

    /** The branch's LSN in the catalog when the session made it: the same name made again is another branch. */
    final Lsn born;
    /** The branch equalled its parent at this WAL position. */
    Lsn since;
    /** File node to block to line pointer to tuple, for each block written since the branch was made. */
    final Map<Long, Map<Long, Map<Integer, Line>>> blocks = new HashMap<>();

    RewindState(Lsn born) {
        this.born = born;
        this.since = born;
    }

    /** The block's tuples as the state knows them, else null (the block still holds its parent's). */
    Map<Integer, Line> known(long node, long block) {
        Map<Long, Map<Integer, Line>> rel = blocks.get(node);
        return rel == null ? null : rel.get(block);
    }

    void put(long node, long block, Map<Integer, Line> lines) {
        blocks.computeIfAbsent(node, k -> new HashMap<>()).put(block, lines);
    }
}
