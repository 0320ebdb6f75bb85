package dev.foldout.pagescan;

import java.nio.ByteOrder;

/**
 * Where the fields of a PostgreSQL page live ({@code src/include/storage/bufpage.h}, {@code itemid.h}),
 * in one place. Every field is stored in the server's byte order; the files are read on the host that
 * wrote them, and the servers this library supports (x86-64, AArch64) are little-endian: {@link #BYTE_ORDER}.
 * A file written by a big-endian server is rejected by the page size and layout version check.
 */
public final class PageLayout {
    /** The byte order of every multi-byte field. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    /** {@code PageHeaderData}'s size: 24 bytes, followed by the line pointer array. */
    public static final int HEADER_SIZE = 24;
    /** {@code pd_lsn.xlogid}, u32: the high half of the LSN of the last WAL record that changed the page. */
    public static final int PD_LSN_XLOGID = 0;
    /** {@code pd_lsn.xrecoff}, u32: the low half of the page LSN. */
    public static final int PD_LSN_XRECOFF = 4;
    /** {@code pd_checksum}, u16. */
    public static final int PD_CHECKSUM = 8;
    /** {@code pd_flags}, u16. */
    public static final int PD_FLAGS = 10;
    /** {@code pd_lower}, u16: the end of the line pointer array. */
    public static final int PD_LOWER = 12;
    /** {@code pd_upper}, u16: the start of the tuple space; 0 on a new (all-zero) page. */
    public static final int PD_UPPER = 14;
    /** {@code pd_special}, u16: the start of the access method's special space. */
    public static final int PD_SPECIAL = 16;
    /** {@code pd_pagesize_version}, u16: page size | layout version. */
    public static final int PD_PAGESIZE_VERSION = 18;
    /** {@code pd_prune_xid}, u32. */
    public static final int PD_PRUNE_XID = 20;

    /** The page layout version of PostgreSQL 8.3 and later. */
    public static final int LAYOUT_VERSION = 4;
    /** The bits of {@code pd_pagesize_version} that hold the layout version; the others hold the size. */
    public static final int LAYOUT_VERSION_MASK = 0x00FF;
    /** The flag bits a valid page may carry ({@code PD_VALID_FLAG_BITS}). */
    public static final int VALID_FLAG_BITS = 0x0007;
    /** The alignment of {@code pd_special} ({@code MAXALIGN} on 64-bit servers). */
    public static final int MAXIMUM_ALIGNOF = 8;

    /** The size of one line pointer ({@code ItemIdData}), u32 at {@code 24 + 4·i}. */
    public static final int LINE_POINTER_SIZE = 4;
    /** Mask of {@code lp_off} in a line pointer word (bits 0–14). */
    public static final int LP_OFF_MASK = 0x7FFF;
    /** Shift of {@code lp_flags} (bits 15–16). */
    public static final int LP_FLAGS_SHIFT = 15;
    /** Mask of {@code lp_flags} after the shift. */
    public static final int LP_FLAGS_MASK = 0x3;
    /** Shift of {@code lp_len} (bits 17–31). */
    public static final int LP_LEN_SHIFT = 17;

    /** The smallest block size PostgreSQL can be built with. */
    public static final int MIN_BLOCK_SIZE = 1024;
    /** The largest block size PostgreSQL can be built with. */
    public static final int MAX_BLOCK_SIZE = 32768;

    private PageLayout() {
    }
}
