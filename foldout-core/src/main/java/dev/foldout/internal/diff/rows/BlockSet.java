package dev.foldout.internal.diff.rows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The heap blocks of one relation to read: sorted, distinct block numbers, or every block ({@link #ALL}).
 * Runs of neighbouring blocks are read with a TID range scan, scattered blocks with a TID scan.
 */
public final class BlockSet {
    /** Every block: the relation is read in full. */
    public static final BlockSet ALL = new BlockSet(null);
    /** Runs at least this long are read by range; shorter ones by TID list. */
    static final int RANGE_RUN = 32;

    private final long[] blocks;

    private BlockSet(long[] blocks) {
        this.blocks = blocks;
    }

    /** The union of two sorted block lists and of the blocks {@code [tailFrom, tailTo)}. */
    public static BlockSet union(long[] a, long[] b, long tailFrom, long tailTo) {
        long[] tail = new long[(int) Math.max(0, tailTo - tailFrom)];
        for (int i = 0; i < tail.length; i++) {
            tail[i] = tailFrom + i;
        }
        long[] all = new long[a.length + b.length + tail.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(tail, 0, all, a.length + b.length, tail.length);
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (n == 0 || all[n - 1] != all[i]) {
                all[n++] = all[i];
            }
        }
        return new BlockSet(Arrays.copyOf(all, n));
    }

    /** Whether every block is read. */
    public boolean isAll() {
        return blocks == null;
    }

    /** Whether no block is read. */
    public boolean isEmpty() {
        return blocks != null && blocks.length == 0;
    }

    /** How many blocks are read; -1 for all. */
    public long count() {
        return blocks == null ? -1 : blocks.length;
    }

    /** The runs of at least {@link #RANGE_RUN} neighbouring blocks, as {@code [first, end)} pairs. */
    List<long[]> longRuns() {
        List<long[]> out = new ArrayList<>();
        forEachRun((from, to) -> {
            if (to - from >= RANGE_RUN) {
                out.add(new long[] {from, to});
            }
        });
        return out;
    }

    /** The blocks of shorter runs. */
    long[] scattered() {
        List<Long> out = new ArrayList<>();
        forEachRun((from, to) -> {
            if (to - from < RANGE_RUN) {
                for (long b = from; b < to; b++) {
                    out.add(b);
                }
            }
        });
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private void forEachRun(RunConsumer consumer) {
        int i = 0;
        while (i < blocks.length) {
            int j = i;
            while (j + 1 < blocks.length && blocks[j + 1] == blocks[j] + 1) {
                j++;
            }
            consumer.accept(blocks[i], blocks[j] + 1);
            i = j + 1;
        }
    }

    private interface RunConsumer {
        void accept(long from, long to);
    }

    @Override
    public String toString() {
        return blocks == null ? "all blocks" : blocks.length + " blocks";
    }
}
