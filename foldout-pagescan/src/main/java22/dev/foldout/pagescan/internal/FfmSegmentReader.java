package dev.foldout.pagescan.internal;

import dev.foldout.pagescan.PageGeometry;
import dev.foldout.pagescan.PageLayout;
import dev.foldout.pagescan.PageScanException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads through a {@link MemorySegment} mapped in an {@link Arena} this reader owns: {@link #close()} closes
 * the arena, which unmaps the file at once. Accesses are bounds-checked by the FFM API, so a wrong offset is an
 * exception, never a stray read; a file truncated under the mapping (SIGBUS) comes back as an
 * {@link InternalError}, translated to a {@link PageScanException}.
 */
public final class FfmSegmentReader extends SegmentReader {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(PageLayout.BYTE_ORDER);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(PageLayout.BYTE_ORDER);

    private final Arena arena;
    private final MemorySegment segment;
    private boolean closed;

    private FfmSegmentReader(Path file, PageGeometry geometry, long baseBlock, long from, long to, boolean shared) {
        super(file, geometry, baseBlock, from, to);
        this.arena = shared ? Arena.ofShared() : Arena.ofConfined();
        long bytes = (to - from) * geometry.blockSize();
        if (bytes == 0) {
            this.segment = MemorySegment.NULL;
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            this.segment = channel.map(FileChannel.MapMode.READ_ONLY, from * geometry.blockSize(), bytes, arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw new PageScanException(file, "cannot map relation file " + file + ": " + e, e);
        }
    }

    /** Opens a reader; the signature {@link Readers} looks up. */
    public static SegmentReader open(Path file, PageGeometry geometry, long baseBlock, long from, long to, boolean shared) {
        return new FfmSegmentReader(file, geometry, baseBlock, from, to, shared);
    }

    @Override
    public void read(long block, byte[] page) {
        requireInWindow(block);
        try {
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, (block - from) * geometry.blockSize(), page, 0,
                    geometry.blockSize());
        } catch (InternalError e) {
            throw shrank(e);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the reader of " + file + " is closed", e);
        }
    }

    @Override
    public void scan(long since, BlockList out) {
        MemorySegment s = segment;
        int blockSize = geometry.blockSize();
        int pageSizeVersion = geometry.pageSizeVersion();
        long end = s.byteSize();
        try {
            for (long off = 0; off < end; off += blockSize) {
                long lsn = PageParser.lsn(s.get(LONG, off));
                if (!PageParser.plausible(s.get(LONG, off + 8), s.get(INT, off + 16), pageSizeVersion, blockSize)) {
                    slowCheck(from + off / blockSize, since, out);
                } else if (Long.compareUnsigned(lsn, since) > 0) {
                    out.add(baseBlock + from + off / blockSize);
                }
            }
        } catch (InternalError e) {
            throw shrank(e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }
}
