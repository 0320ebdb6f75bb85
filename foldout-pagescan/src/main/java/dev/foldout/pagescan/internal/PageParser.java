package dev.foldout.pagescan.internal;

import dev.foldout.pagescan.LinePointer;
import dev.foldout.Lsn;
import dev.foldout.pagescan.Page;
import dev.foldout.pagescan.PageFormatException;
import dev.foldout.pagescan.PageGeometry;
import dev.foldout.pagescan.PageHeader;
import dev.foldout.pagescan.PageLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and checks a page copied out of a file: the header as PostgreSQL's {@code PageIsVerified} checks
 * it, and the line pointers. Every failure is a {@link PageFormatException} naming file, block and field.
 * Also holds the readers' fast check of the packed header words.
 */
public final class PageParser {
    private PageParser() {
    }

    /**
     * Whether the header words are those of an initialized, sane page; when not, the reader parses the page
     * to find the field at fault (or an all-zero new page). {@code w8} is the little-endian u64 at offset 8,
     * {@code w16} the u32 at offset 16.
     */
    public static boolean plausible(long w8, int w16, int pageSizeVersion, int blockSize) {
        int special = w16 & 0xFFFF;
        int flags = (int) (w8 >>> 16) & 0xFFFF;
        int lower = (int) (w8 >>> 32) & 0xFFFF;
        int upper = (int) (w8 >>> 48);
        return w16 >>> 16 == pageSizeVersion && (flags & ~PageLayout.VALID_FLAG_BITS) == 0
                && lower >= PageLayout.HEADER_SIZE && lower <= upper && upper <= special && special <= blockSize
                && (special & (PageLayout.MAXIMUM_ALIGNOF - 1)) == 0;
    }

    /** The LSN from the little-endian u64 at offset 0 ({@code xlogid} low, {@code xrecoff} high). */
    public static long lsn(long w0) {
        return Long.rotateLeft(w0, 32);
    }

    /** Decodes and checks the header of {@code page}, block {@code block} (of the relation) in {@code file}. */
    public static PageHeader header(byte[] page, Path file, long block, PageGeometry geometry) {
        ByteBuffer buf = ByteBuffer.wrap(page).order(PageLayout.BYTE_ORDER);
        int pageSizeVersion = u16(buf, PageLayout.PD_PAGESIZE_VERSION);
        int upper = u16(buf, PageLayout.PD_UPPER);
        if (upper == 0) {
            requireAllZero(page, file, block);
            return new PageHeader(Lsn.ZERO, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        int pageSize = pageSizeVersion & ~PageLayout.LAYOUT_VERSION_MASK;
        int version = pageSizeVersion & PageLayout.LAYOUT_VERSION_MASK;
        if (pageSize != geometry.blockSize() || version != PageLayout.LAYOUT_VERSION) {
            throw corrupt(file, block, "pd_pagesize_version", "0x" + Integer.toHexString(pageSizeVersion),
                    "says page size " + pageSize + ", layout version " + version + "; expected page size "
                    + geometry.blockSize() + " (SHOW block_size), layout version " + PageLayout.LAYOUT_VERSION);
        }
        int flags = u16(buf, PageLayout.PD_FLAGS);
        int lower = u16(buf, PageLayout.PD_LOWER);
        int special = u16(buf, PageLayout.PD_SPECIAL);
        if ((flags & ~PageLayout.VALID_FLAG_BITS) != 0) {
            throw corrupt(file, block, "pd_flags", "0x" + Integer.toHexString(flags), "has bits outside PD_VALID_FLAG_BITS 0x7");
        }
        if (lower < PageLayout.HEADER_SIZE) {
            throw corrupt(file, block, "pd_lower", Integer.toString(lower), "lies inside the 24-byte page header");
        }
        if (lower > upper) {
            throw corrupt(file, block, "pd_lower", Integer.toString(lower), "is past pd_upper " + upper);
        }
        if (upper > special) {
            throw corrupt(file, block, "pd_upper", Integer.toString(upper), "is past pd_special " + special);
        }
        if (special > geometry.blockSize() || special % PageLayout.MAXIMUM_ALIGNOF != 0) {
            throw corrupt(file, block, "pd_special", Integer.toString(special), "is past the end of the "
                    + geometry.blockSize() + "-byte page or not a multiple of " + PageLayout.MAXIMUM_ALIGNOF);
        }
        long lsn = (Integer.toUnsignedLong(buf.getInt(PageLayout.PD_LSN_XLOGID)) << 32)
                | Integer.toUnsignedLong(buf.getInt(PageLayout.PD_LSN_XRECOFF));
        return new PageHeader(new Lsn(lsn), u16(buf, PageLayout.PD_CHECKSUM), flags, lower, upper, special, pageSize,
                version, Integer.toUnsignedLong(buf.getInt(PageLayout.PD_PRUNE_XID)));
    }

    /** Decodes and checks the whole page: header and line pointers. */
    public static Page page(byte[] page, Path file, long block, PageGeometry geometry) {
        PageHeader header = header(page, file, block, geometry);
        ByteBuffer buf = ByteBuffer.wrap(page).order(PageLayout.BYTE_ORDER);
        int count = header.lineCount();
        List<LinePointer> pointers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LinePointer lp = LinePointer.decode(i + 1, buf.getInt(PageLayout.HEADER_SIZE + i * PageLayout.LINE_POINTER_SIZE));
            if (lp.state() == LinePointer.State.NORMAL
                    && (lp.offset() < header.upper() || lp.offset() + lp.length() > header.special() || lp.length() == 0)) {
                throw corrupt(file, block, "lp_off", Integer.toString(lp.offset()), "of line pointer " + lp.offsetNumber()
                        + " (lp_len " + lp.length() + ") does not lie between pd_upper " + header.upper()
                        + " and pd_special " + header.special());
            }
            pointers.add(lp);
        }
        return new Page(block, header, pointers);
    }

    private static void requireAllZero(byte[] page, Path file, long block) {
        for (int i = 0; i < page.length; i++) {
            if (page[i] != 0) {
                throw corrupt(file, block, "pd_upper", "0", "marks a new page, but byte " + i + " of the page is not zero");
            }
        }
    }

    private static int u16(ByteBuffer buf, int offset) {
        return Short.toUnsignedInt(buf.getShort(offset));
    }

    /** A corrupt-field exception for block {@code block} (of the relation) of {@code file}. */
    public static PageFormatException corrupt(Path file, long block, String field, String value, String what) {
        return new PageFormatException(file, block, field, value, "relation file " + file + ", block " + block
                + " of the relation: " + field + " " + value + " " + what
                + "; the file is damaged, or not a PostgreSQL relation file of this block size");
    }
}
