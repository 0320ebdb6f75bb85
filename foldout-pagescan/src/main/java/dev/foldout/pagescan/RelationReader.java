package dev.foldout.pagescan;

import dev.foldout.pagescan.internal.Readers;
import dev.foldout.pagescan.internal.SegmentReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Random access to the pages of a relation, as its segment files were when it was opened: blocks appended
 * later are not seen. Opens each segment on first use and keeps it until {@link #close()}, which releases
 * every file and mapping and may be called more than once. Not for concurrent use: one thread at a time.
 */
public final class RelationReader implements AutoCloseable {
    private final Relation relation;
    private final ReaderKind kind;
    private final RelationStat stat;
    private final List<SegmentReader> segments = new ArrayList<>();
    private boolean closed;

    RelationReader(Relation relation, ReaderKind kind) {
        this.relation = relation;
        this.kind = kind;
        this.stat = relation.stat();
    }

    /** The relation read. */
    public Relation relation() {
        return relation;
    }

    /** The segment files as they were when the reader was opened. */
    public RelationStat stat() {
        return stat;
    }

    /** The number of blocks when the reader was opened. */
    public long blockCount() {
        return stat.blockCount(relation.geometry().blockSize());
    }

    /**
     * Block {@code block} of the relation: header and line pointers, checked.
     *
     * @throws PageFormatException if the page is corrupt
     */
    public Page page(long block) {
        long perSegment = relation.geometry().blocksPerSegment();
        return segment(block).page(block % perSegment);
    }

    /**
     * The header of block {@code block}, checked.
     *
     * @throws PageFormatException if the header is corrupt
     */
    public PageHeader header(long block) {
        long perSegment = relation.geometry().blocksPerSegment();
        return segment(block).header(block % perSegment);
    }

    private SegmentReader segment(long block) {
        if (closed) {
            throw new IllegalStateException("the reader of " + relation + " is closed");
        }
        if (block < 0 || block >= blockCount()) {
            throw new IndexOutOfBoundsException("block " + block + " of " + relation + ", which had " + blockCount() + " blocks");
        }
        int index = (int) (block / relation.geometry().blocksPerSegment());
        while (segments.size() <= index) {
            segments.add(null);
        }
        SegmentReader reader = segments.get(index);
        if (reader == null) {
            RelationFileStat file = stat.files().get(index);
            long blocks = file.size() / relation.geometry().blockSize();
            reader = Readers.open(kind, relation.segmentPath(index), relation.geometry(),
                    index * relation.geometry().blocksPerSegment(), 0, blocks, true);
            segments.set(index, reader);
        }
        return reader;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (SegmentReader reader : segments) {
            try {
                if (reader != null) {
                    reader.close();
                }
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        segments.clear();
        if (first != null) {
            throw first;
        }
    }
}
