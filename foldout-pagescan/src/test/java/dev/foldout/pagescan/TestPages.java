package dev.foldout.pagescan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Crafts PostgreSQL pages and relation files for the unit tests. */
public final class TestPages {
    /** The geometry of most tests: 8 kB blocks, segments of 4 blocks, so that several segments are cheap. */
    public static final PageGeometry SMALL_SEGMENTS = new PageGeometry(8192, 4 * 8192);
    /** The tuple length of crafted pages. */
    public static final int TUPLE = 40;

    private TestPages() {
    }

    /** A valid heap page of {@code blockSize} bytes, page LSN {@code lsn}, {@code items} normal line pointers. */
    public static byte[] heapPage(int blockSize, long lsn, int items) {
        byte[] page = new byte[blockSize];
        ByteBuffer b = ByteBuffer.wrap(page).order(PageLayout.BYTE_ORDER);
        b.putInt(PageLayout.PD_LSN_XLOGID, (int) (lsn >>> 32));
        b.putInt(PageLayout.PD_LSN_XRECOFF, (int) lsn);
        b.putShort(PageLayout.PD_CHECKSUM, (short) 0x1234);
        b.putShort(PageLayout.PD_FLAGS, (short) 0x0004);
        int lower = PageLayout.HEADER_SIZE + items * PageLayout.LINE_POINTER_SIZE;
        int upper = blockSize - items * TUPLE;
        b.putShort(PageLayout.PD_LOWER, (short) lower);
        b.putShort(PageLayout.PD_UPPER, (short) upper);
        b.putShort(PageLayout.PD_SPECIAL, (short) blockSize);
        b.putShort(PageLayout.PD_PAGESIZE_VERSION, (short) (blockSize | PageLayout.LAYOUT_VERSION));
        b.putInt(PageLayout.PD_PRUNE_XID, 0xFFFF_FFF0);
        for (int i = 0; i < items; i++) {
            int off = blockSize - (i + 1) * TUPLE;
            b.putInt(PageLayout.HEADER_SIZE + i * 4, off | 1 << PageLayout.LP_FLAGS_SHIFT | TUPLE << PageLayout.LP_LEN_SHIFT);
            page[off] = (byte) (i + 1);
        }
        return page;
    }

    /** An 8 kB heap page of 3 items. */
    public static byte[] page(long lsn) {
        return heapPage(8192, lsn, 3);
    }

    /** A new (all-zero) 8 kB page. */
    public static byte[] newPage() {
        return new byte[8192];
    }

    /** Sets the u16 at {@code offset}. */
    public static byte[] u16(byte[] page, int offset, int value) {
        ByteBuffer.wrap(page).order(PageLayout.BYTE_ORDER).putShort(offset, (short) value);
        return page;
    }

    /** Sets the u32 at {@code offset}. */
    public static byte[] u32(byte[] page, int offset, int value) {
        ByteBuffer.wrap(page).order(PageLayout.BYTE_ORDER).putInt(offset, value);
        return page;
    }

    /**
     * Writes {@code pages} as relation {@code relfilenode} in {@code dir}, split into segments of {@code geometry};
     * returns the relation.
     */
    public static Relation writeRelation(Path dir, long relfilenode, PageGeometry geometry, List<byte[]> pages) {
        Relation relation = Relation.of(dir.resolve(Long.toString(relfilenode)), geometry);
        long perSegment = geometry.blocksPerSegment();
        int segments = (int) Math.max(1, (pages.size() + perSegment - 1) / perSegment);
        try {
            for (int s = 0; s < segments; s++) {
                int fromIdx = (int) (s * perSegment);
                int toIdx = (int) Math.min(pages.size(), fromIdx + perSegment);
                byte[] data = new byte[(toIdx - fromIdx) * geometry.blockSize()];
                for (int i = fromIdx; i < toIdx; i++) {
                    System.arraycopy(pages.get(i), 0, data, (i - fromIdx) * geometry.blockSize(), geometry.blockSize());
                }
                Files.write(relation.segmentPath(s), data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return relation;
    }
}
