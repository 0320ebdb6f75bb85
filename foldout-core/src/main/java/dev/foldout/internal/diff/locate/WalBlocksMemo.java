package dev.foldout.internal.diff.locate;

import dev.foldout.internal.diff.Lru;
import dev.foldout.Lsn;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The blocks the WAL since a branch was found to touch, kept by a session between its diffs of that branch: blocks
 * touched since the branch stay touched, so the next diff reads only the WAL written after the last one read. Kept
 * per branch for the relation files that were asked for; a diff that asks for another file reads from the branch
 * point again. Bounded; least recently used entries go first.
 */
public final class WalBlocksMemo {
    private static final int MAX_ENTRIES = 16;

    /** A branch: both databases' OIDs and the branch's LSN. */
    record Key(long fromDb, long toDb, Lsn since) {
    }

    /**
     * What was read for a branch.
     *
     * @param readTo the WAL was read from the branch's LSN up to here
     * @param files  the relation files (relfilenodes) it was read for
     * @param blocks the touched blocks by database, then relation file
     */
    record Entry(Lsn readTo, Set<Long> files, Map<Long, Map<Long, TreeSet<Long>>> blocks) {
        /** A deep copy, so that a diff adding to it leaves the memo as it was until it is put back. */
        Map<Long, Map<Long, TreeSet<Long>>> copyOfBlocks() {
            Map<Long, Map<Long, TreeSet<Long>>> out = new HashMap<>();
            blocks.forEach((db, files) -> {
                Map<Long, TreeSet<Long>> copy = new HashMap<>();
                files.forEach((file, set) -> copy.put(file, new TreeSet<>(set)));
                out.put(db, copy);
            });
            return out;
        }
    }

    private final Map<Key, Entry> entries = Lru.map(MAX_ENTRIES);

    synchronized Entry get(Key key) {
        return entries.get(key);
    }

    synchronized void put(Key key, Entry entry) {
        entries.put(key, entry);
    }
}
