package dev.foldout.pagescan.internal;

import dev.foldout.pagescan.PageGeometry;
import dev.foldout.pagescan.PageLayout;
import dev.foldout.pagescan.PageScanException;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads through {@link MappedByteBuffer}s of at most 1 GiB each. Java 17 offers no way to unmap a buffer:
 * the mapping goes when the garbage collector finds the buffer unreachable, after {@link #close()}. The
 * FFM reader unmaps at once, and is the one used on Java 22 and later.
 */
public final class MappedSegmentReader extends SegmentReader {
    private static final long MAX_CHUNK = 1L << 30;

    private MappedByteBuffer[] chunks;
    private final long chunkBlocks;

    /** Maps the window {@code [from, to)} of {@code file}. */
    public MappedSegmentReader(Path file, PageGeometry geometry, long baseBlock, long from, long to) {
        super(file, geometry, baseBlock, from, to);
        this.chunkBlocks = MAX_CHUNK / geometry.blockSize();
        long blocks = to - from;
        int count = (int) ((blocks + chunkBlocks - 1) / chunkBlocks);
        this.chunks = new MappedByteBuffer[count];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = 0; i < count; i++) {
                long first = from + i * chunkBlocks;
                long n = Math.min(chunkBlocks, to - first);
                chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, first * geometry.blockSize(), n * geometry.blockSize());
                chunks[i].order(PageLayout.BYTE_ORDER);
            }
        } catch (IOException e) {
            throw new PageScanException(file, "cannot map relation file " + file + ": " + e, e);
        }
    }

    @Override
    public void read(long block, byte[] page) {
        requireInWindow(block);
        MappedByteBuffer chunk = chunks()[(int) ((block - from) / chunkBlocks)];
        int offset = (int) ((block - from) % chunkBlocks) * geometry.blockSize();
        try {
            chunk.get(offset, page, 0, geometry.blockSize());
        } catch (InternalError e) {
            throw shrank(e);
        }
    }

    @Override
    public void scan(long since, BlockList out) {
        MappedByteBuffer[] all = chunks();
        int blockSize = geometry.blockSize();
        int pageSizeVersion = geometry.pageSizeVersion();
        try {
            for (int i = 0; i < all.length; i++) {
                MappedByteBuffer chunk = all[i];
                long first = from + i * chunkBlocks;
                int limit = chunk.limit();
                for (int off = 0, b = 0; off < limit; off += blockSize, b++) {
                    long lsn = PageParser.lsn(chunk.getLong(off));
                    if (!PageParser.plausible(chunk.getLong(off + 8), chunk.getInt(off + 16), pageSizeVersion, blockSize)) {
                        slowCheck(first + b, since, out);
                    } else if (Long.compareUnsigned(lsn, since) > 0) {
                        out.add(baseBlock + first + b);
                    }
                }
            }
        } catch (InternalError e) {
            throw shrank(e);
        }
    }

    private MappedByteBuffer[] chunks() {
        if (chunks == null) {
            throw new IllegalStateException("the reader of " + file + " is closed");
        }
        return chunks;
    }

    @Override
    public void close() {
        chunks = null;
    }
}
