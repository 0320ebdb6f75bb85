package dev.foldout.pagescan.internal;

import java.util.Arrays;

/** A growable list of block numbers, appended in ascending order by the scan. Not thread-safe. */
public final class BlockList {
    private long[] blocks = new long[64];
    private int size;

    /** Appends {@code block}. */
    public void add(long block) {
        if (size == blocks.length) {
            blocks = Arrays.copyOf(blocks, size * 2);
        }
        blocks[size++] = block;
    }

    /** Appends every block of {@code [from, to)}. */
    public void addRange(long from, long to) {
        for (long b = from; b < to; b++) {
            add(b);
        }
    }

    /** The number of blocks. */
    public int size() {
        return size;
    }

    /** A copy of the blocks. */
    public long[] toArray() {
        return Arrays.copyOf(blocks, size);
    }
}
