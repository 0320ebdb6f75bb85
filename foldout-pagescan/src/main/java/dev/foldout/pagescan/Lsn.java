package dev.foldout.pagescan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A PostgreSQL write-ahead-log position ({@code pg_lsn}): an unsigned 64-bit number, written
 * {@code 16/B374D848} (high and low 32 bits in hexadecimal). Ordered as unsigned numbers.
 *
 * @param value the 64 bits, compared unsigned
 */
public record Lsn(long value) implements Comparable<Lsn> {
    /** The zero LSN, before every write: every initialized page is past it. */
    public static final Lsn ZERO = new Lsn(0);

    private static final Pattern TEXT = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

    /**
     * Parses PostgreSQL's text form, as {@code pg_current_wal_lsn()::text} returns it.
     *
     * @throws IllegalArgumentException if {@code text} is not of the form {@code X/Y} with X and Y
     *         hexadecimal numbers of at most 8 digits
     */
    @JsonCreator
    public static Lsn parse(String text) {
        if (text == null || !TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("not an LSN: '" + text + "' (expected the form 16/B374D848)");
        }
        int slash = text.indexOf('/');
        long hi = Long.parseLong(text.substring(0, slash), 16);
        long lo = Long.parseLong(text.substring(slash + 1), 16);
        return new Lsn(hi << 32 | lo);
    }

    /** Whether this position comes after {@code other}. */
    public boolean isAfter(Lsn other) {
        return Long.compareUnsigned(value, other.value) > 0;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** PostgreSQL's text form, {@code 16/B374D848}. */
    @JsonValue
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%X/%08X", value >>> 32, value & 0xFFFF_FFFFL);
    }
}
