package dev.foldout.internal.diff.locate;

import java.util.Map;

/**
 * What a locator found: per leaf OID of each side, the sorted numbers of the heap blocks written since the branch.
 *
 * @param locator its name, as the diff reports it
 * @param from    the current side's changed blocks per leaf OID (a leaf missing: none changed)
 * @param to      the desired side's changed blocks per leaf OID
 */
public record Located(String locator, Map<Long, long[]> from, Map<Long, long[]> to) {
    private static final long[] NONE = new long[0];

    /** The changed blocks of one of the current side's leaves. */
    public long[] from(long leaf) {
        return from.getOrDefault(leaf, NONE);
    }

    /** The changed blocks of one of the desired side's leaves. */
    public long[] to(long leaf) {
        return to.getOrDefault(leaf, NONE);
    }
}
