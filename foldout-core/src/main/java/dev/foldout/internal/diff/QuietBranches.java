package dev.foldout.internal.diff;

import dev.foldout.Lsn;
import java.util.Map;
import java.util.Optional;

/**
 * What one session's diffs learned of branches that nothing has written to since they were made, parent and branch
 * alike: how far the WAL was read and found touching neither database, and the parent's schema fingerprint. Both
 * stay true for as long as the WAL touches neither database (a database's catalog changes only through it), so the
 * next diff of such a branch reads only the WAL written since, and connects to neither database. Bounded; least
 * recently used entries go first.
 */
public final class QuietBranches {
    private static final int MAX_ENTRIES = 64;

    /**
     * One branch: its parent's and its own database OID, and the LSN it was made at.
     *
     * @param parentOid the parent database's OID
     * @param branchOid the branch database's OID
     * @param since     the branch's LSN
     */
    public record Key(long parentOid, long branchOid, Lsn since) {
    }

    /**
     * What is known of a quiet branch.
     *
     * @param checkedTo         the WAL from the branch's LSN up to here touches neither database
     * @param parentFingerprint the parent's schema fingerprint, for the diff's header
     */
    public record Quiet(Lsn checkedTo, String parentFingerprint) {
    }

    private final Map<Key, Quiet> known = Lru.map(MAX_ENTRIES);

    /** What is known of {@code key}, if it was found quiet. */
    public synchronized Optional<Quiet> get(Key key) {
        return Optional.ofNullable(known.get(key));
    }

    /** Records that {@code key} was found quiet. */
    public synchronized void put(Key key, Quiet quiet) {
        known.put(key, quiet);
    }

    /** Forgets {@code key}: it was found touched. */
    public synchronized void forget(Key key) {
        known.remove(key);
    }
}
