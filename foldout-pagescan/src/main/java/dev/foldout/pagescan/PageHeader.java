package dev.foldout.pagescan;

import dev.foldout.Lsn;

/**
 * The 24-byte header of a page, as read from a relation file and checked (see {@link PageLayout}).
 * An all-zero page (as a relation extension leaves it) reads as a header of zeros: {@link #isNew()}.
 *
 * @param lsn {@code pd_lsn}: the end of the last WAL record that changed the page
 * @param checksum {@code pd_checksum} (0 when data checksums are off)
 * @param flags {@code pd_flags}
 * @param lower {@code pd_lower}: the end of the line pointer array
 * @param upper {@code pd_upper}: the start of the tuple space
 * @param special {@code pd_special}: the start of the special space
 * @param pageSize the page size from {@code pd_pagesize_version}
 * @param layoutVersion the layout version from {@code pd_pagesize_version}
 * @param pruneXid {@code pd_prune_xid}, unsigned
 */
public record PageHeader(Lsn lsn, int checksum, int flags, int lower, int upper, int special, int pageSize,
        int layoutVersion, long pruneXid) {
    /** Checks that each field is in its on-disk range (the parser checks their relations). */
    public PageHeader {
        if (lsn == null) {
            throw new IllegalArgumentException("lsn is null");
        }
        requireU16("pd_checksum", checksum);
        requireU16("pd_flags", flags);
        requireU16("pd_lower", lower);
        requireU16("pd_upper", upper);
        requireU16("pd_special", special);
        if (pageSize < 0 || pageSize > 0xFF00 || (pageSize & PageLayout.LAYOUT_VERSION_MASK) != 0) {
            throw new IllegalArgumentException("page size " + pageSize + " cannot be held in pd_pagesize_version");
        }
        if (layoutVersion < 0 || layoutVersion > PageLayout.LAYOUT_VERSION_MASK) {
            throw new IllegalArgumentException("layout version " + layoutVersion + " cannot be held in pd_pagesize_version");
        }
        if (pruneXid < 0 || pruneXid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("pd_prune_xid " + pruneXid + " is not an unsigned 32-bit number");
        }
    }

    /** Whether the page is new: never initialized, all zero ({@code PageIsNew}: {@code pd_upper == 0}). */
    public boolean isNew() {
        return upper == 0;
    }

    /** The number of line pointers ({@code PageGetMaxOffsetNumber}); 0 on a new page. */
    public int lineCount() {
        return lower <= PageLayout.HEADER_SIZE ? 0 : (lower - PageLayout.HEADER_SIZE) / PageLayout.LINE_POINTER_SIZE;
    }

    /** The free space between the line pointers and the tuples, in bytes. */
    public int freeSpace() {
        return isNew() ? 0 : upper - lower;
    }

    private static void requireU16(String field, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + " " + value + " is not an unsigned 16-bit number");
        }
    }
}
