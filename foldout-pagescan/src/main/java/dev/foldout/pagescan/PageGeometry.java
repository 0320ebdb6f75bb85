package dev.foldout.pagescan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The block size and segment size of a cluster: read them from the server ({@code SHOW block_size},
 * {@code SHOW segment_size}) and pass them in with {@link #fromSettings(String, String)}; PostgreSQL can be
 * built with others than 8 kB and 1 GB, and a wrong guess gives wrong answers.
 *
 * @param blockSize the page size in bytes: a power of two from 1024 to 32768
 * @param segmentSize the size of a full segment file in bytes: a positive multiple of {@code blockSize}
 */
public record PageGeometry(int blockSize, long segmentSize) {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|kB|MB|GB|TB)?");

    /** Validates the record. */
    public PageGeometry {
        if (blockSize < PageLayout.MIN_BLOCK_SIZE || blockSize > PageLayout.MAX_BLOCK_SIZE
                || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size " + blockSize
                    + " is not one PostgreSQL can be built with (a power of two from 1024 to 32768)");
        }
        if (segmentSize <= 0 || segmentSize % blockSize != 0) {
            throw new IllegalArgumentException("segment size " + segmentSize
                    + " is not a positive multiple of the block size " + blockSize);
        }
    }

    /**
     * The geometry from the text of {@code SHOW block_size} (e.g. {@code 8192}) and
     * {@code SHOW segment_size} (e.g. {@code 1GB}).
     *
     * @throws IllegalArgumentException if either is not a size or they do not fit together
     */
    public static PageGeometry fromSettings(String blockSize, String segmentSize) {
        long block = parseSize("block_size", blockSize);
        if (block > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("block_size '" + blockSize + "' is too large");
        }
        return new PageGeometry((int) block, parseSize("segment_size", segmentSize));
    }

    /** The number of blocks in a full segment. */
    public long blocksPerSegment() {
        return segmentSize / blockSize;
    }

    /** The expected {@code pd_pagesize_version} of an initialized page. */
    public int pageSizeVersion() {
        return blockSize | PageLayout.LAYOUT_VERSION;
    }

    private static long parseSize(String setting, String text) {
        Matcher m = text == null ? null : SIZE.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(setting + " '" + text + "' is not a size (expected e.g. 8192 or 1GB)");
        }
        long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "kB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            case "TB" -> 1L << 40;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(setting + " '" + text + "' is too large", e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "block size %d, segment size %d", blockSize, segmentSize);
    }
}
