package dev.foldout.pagescan.internal;

import dev.foldout.pagescan.PageGeometry;
import dev.foldout.pagescan.PageLayout;
import dev.foldout.pagescan.PageScanException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads with {@link FileChannel} positional reads: the scan reads only the 24-byte header of each page
 * (one {@code pread} per page), so a file larger than memory costs no mapping and no copy of the page bodies.
 */
public final class ChannelSegmentReader extends SegmentReader {
    private final FileChannel channel;
    private final ByteBuffer header = ByteBuffer.allocateDirect(PageLayout.HEADER_SIZE).order(PageLayout.BYTE_ORDER);
    private boolean closed;

    /** Opens {@code file} for the window {@code [from, to)}. */
    public ChannelSegmentReader(Path file, PageGeometry geometry, long baseBlock, long from, long to) {
        super(file, geometry, baseBlock, from, to);
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new PageScanException(file, "cannot open relation file " + file + ": " + e, e);
        }
    }

    @Override
    public void read(long block, byte[] page) {
        requireInWindow(block);
        readFully(ByteBuffer.wrap(page), block * geometry.blockSize());
    }

    @Override
    public void scan(long since, BlockList out) {
        int blockSize = geometry.blockSize();
        int pageSizeVersion = geometry.pageSizeVersion();
        for (long b = from; b < to; b++) {
            header.clear();
            readFully(header, b * blockSize);
            long lsn = PageParser.lsn(header.getLong(0));
            if (!PageParser.plausible(header.getLong(8), header.getInt(16), pageSizeVersion, blockSize)) {
                slowCheck(b, since, out);
            } else if (Long.compareUnsigned(lsn, since) > 0) {
                out.add(baseBlock + b);
            }
        }
    }

    private void readFully(ByteBuffer dst, long position) {
        try {
            long at = position;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, at);
                if (n < 0) {
                    throw shrank(null);
                }
                at += n;
            }
        } catch (IOException e) {
            throw new PageScanException(file, "cannot read relation file " + file + " at byte " + position + ": " + e, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new PageScanException(file, "cannot close relation file " + file + ": " + e, e);
        }
    }
}
