package dev.foldout.pagescan;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * The answer of {@link PageScanner#changedBlocks}: the block numbers (of the relation, ascending) that
 * were written after the LSN — {@code pd_lsn} past it, a new all-zero page, or past the end recorded at
 * branch time — and the blocks that are gone (the relation was truncated below its branch-time end).
 * Immutable.
 */
public final class ChangedBlocks {
    private final long[] blocks;
    private final long blockCount;
    private final long blockCountAtBranch;
    private final long scannedBlocks;
    private final long skippedBlocks;

    /**
     * The result of a scan.
     *
     * @param blocks the changed blocks, ascending (copied)
     * @param blockCount the number of blocks the relation has now
     * @param blockCountAtBranch the number it had at branch time, or -1 if no {@link RelationStat} was given
     * @param scannedBlocks the number of page headers read
     * @param skippedBlocks the number of blocks not read, their files unchanged since branch time
     */
    public ChangedBlocks(long[] blocks, long blockCount, long blockCountAtBranch, long scannedBlocks, long skippedBlocks) {
        this.blocks = blocks.clone();
        for (int i = 0; i < this.blocks.length; i++) {
            if (this.blocks[i] < 0 || this.blocks[i] >= blockCount || i > 0 && this.blocks[i] <= this.blocks[i - 1]) {
                throw new IllegalArgumentException("blocks must ascend, within [0, " + blockCount + "): " + Arrays.toString(blocks));
            }
        }
        if (blockCountAtBranch < -1 || scannedBlocks < 0 || skippedBlocks < 0) {
            throw new IllegalArgumentException("negative counts");
        }
        this.blockCount = blockCount;
        this.blockCountAtBranch = blockCountAtBranch;
        this.scannedBlocks = scannedBlocks;
        this.skippedBlocks = skippedBlocks;
    }

    /** The changed blocks, ascending (a copy). */
    public long[] toArray() {
        return blocks.clone();
    }

    /** The changed blocks, ascending. */
    public LongStream stream() {
        return Arrays.stream(blocks);
    }

    /** The number of changed blocks. */
    public int count() {
        return blocks.length;
    }

    /** Whether no block changed and none is gone. */
    public boolean isEmpty() {
        return blocks.length == 0 && removedBlocks() == 0;
    }

    /** Whether {@code block} is one of the changed blocks. */
    public boolean contains(long block) {
        return Arrays.binarySearch(blocks, block) >= 0;
    }

    /** The number of blocks of the relation now. */
    public long blockCount() {
        return blockCount;
    }

    /** The number of blocks at branch time, or -1 if unknown. */
    public long blockCountAtBranch() {
        return blockCountAtBranch;
    }

    /**
     * The number of blocks gone since branch time: blocks {@code [blockCount(), blockCountAtBranch())} were
     * truncated away, and their rows are deleted.
     */
    public long removedBlocks() {
        return Math.max(0, blockCountAtBranch - blockCount);
    }

    /** The number of page headers read. */
    public long scannedBlocks() {
        return scannedBlocks;
    }

    /** The number of blocks skipped by the stat filter. */
    public long skippedBlocks() {
        return skippedBlocks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangedBlocks c && Arrays.equals(c.blocks, blocks) && c.blockCount == blockCount
                && c.blockCountAtBranch == blockCountAtBranch && c.scannedBlocks == scannedBlocks
                && c.skippedBlocks == skippedBlocks;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blocks) * 31 + Long.hashCode(blockCount);
    }

    @Override
    public String toString() {
        String list = blocks.length <= 20 ? Arrays.toString(blocks)
                : Arrays.toString(Arrays.copyOf(blocks, 20)).replace("]", ", ...]");
        return blocks.length + " changed blocks " + list + " of " + blockCount
                + (blockCountAtBranch >= 0 ? " (" + blockCountAtBranch + " at branch time)" : "")
                + ", " + scannedBlocks + " read, " + skippedBlocks + " skipped";
    }
}
