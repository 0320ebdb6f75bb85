package dev.foldout.pagescan.internal;

import dev.foldout.pagescan.Page;
import dev.foldout.pagescan.PageGeometry;
import dev.foldout.pagescan.PageHeader;
import dev.foldout.pagescan.PageScanException;
import java.nio.file.Path;

/**
 * Reads a window of blocks {@code [from, to)} of one segment file. One implementation per way of reading
 * (positional reads, MappedByteBuffer, FFM MemorySegment). Owned and used by one thread; {@link #close()}
 * releases the file (and, where the JDK allows, the mapping) and may be called more than once.
 */
public abstract class SegmentReader implements AutoCloseable {
    /** The segment file. */
    protected final Path file;
    /** The cluster's page geometry. */
    protected final PageGeometry geometry;
    /** The relation block number of the file's block 0. */
    protected final long baseBlock;
    /** The first block of the window, within the file. */
    protected final long from;
    /** The end of the window (exclusive), within the file. */
    protected final long to;

    /** A reader of blocks {@code [from, to)} of {@code file}, whose block 0 is relation block {@code baseBlock}. */
    protected SegmentReader(Path file, PageGeometry geometry, long baseBlock, long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("block window [" + from + ", " + to + ") of " + file);
        }
        this.file = file;
        this.geometry = geometry;
        this.baseBlock = baseBlock;
        this.from = from;
        this.to = to;
    }

    /** Copies block {@code block} (within the file, inside the window) into {@code page}. */
    public abstract void read(long block, byte[] page);

    /**
     * Adds to {@code out} the relation block numbers of the window whose pages are past {@code since}
     * ({@code pd_lsn} compared unsigned) or new (all zero), in ascending order; checks every header.
     */
    public abstract void scan(long since, BlockList out);

    @Override
    public abstract void close();

    /** The page of block {@code block} (within the file), decoded and checked. */
    public Page page(long block) {
        return PageParser.page(copy(block), file, baseBlock + block, geometry);
    }

    /** The header of block {@code block} (within the file), decoded and checked. */
    public PageHeader header(long block) {
        return PageParser.header(copy(block), file, baseBlock + block, geometry);
    }

    /** The slow path of {@link #scan}: the fast check failed; parse the page (throws if corrupt). */
    protected final void slowCheck(long block, long since, BlockList out) {
        PageHeader header = header(block);
        if (header.isNew() || Long.compareUnsigned(header.lsn().value(), since) > 0) {
            out.add(baseBlock + block);
        }
    }

    /** Checks that {@code block} lies in the window. */
    protected final void requireInWindow(long block) {
        if (block < from || block >= to) {
            throw new IndexOutOfBoundsException("block " + block + " of " + file + " is outside the window ["
                    + from + ", " + to + ") opened");
        }
    }

    /** The exception for a mapped file that shrank under the reader (the JDK reports SIGBUS as InternalError). */
    protected final PageScanException shrank(Throwable cause) {
        return new PageScanException(file, "relation file " + file + " shrank while it was being read (a VACUUM "
                + "truncated it, or the relation was dropped): CHECKPOINT and scan again", cause);
    }

    private byte[] copy(long block) {
        byte[] page = new byte[geometry.blockSize()];
        read(block, page);
        return page;
    }
}
