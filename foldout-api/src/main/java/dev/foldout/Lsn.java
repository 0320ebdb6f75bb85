package dev.foldout;

/**
 * A PostgreSQL write-ahead-log position ({@code pg_lsn}), compared as an unsigned 64-bit number.
 *
 * @param value the position as an unsigned 64-bit value
 */
public record Lsn(long value) implements Comparable<Lsn> {
    /** The zero position, before every write: every initialized page is past it. */
    public static final Lsn ZERO = new Lsn(0);

    private static final java.util.regex.Pattern TEXT = java.util.regex.Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

    /**
     * Parses the server's text form {@code X/Y}: two hexadecimal numbers of at most 8 digits each, the low one with or
     * without PostgreSQL 18's zero padding.
     *
     * @throws IllegalArgumentException for anything else, naming the text and the form expected
     */
    public static Lsn parse(String text) {
        if (text == null || !TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("not an LSN: '" + text + "'; expected the form X/Y, e.g. 0/16B3748");
        }
        int slash = text.indexOf('/');
        long hi = Long.parseLong(text.substring(0, slash), 16);
        long lo = Long.parseLong(text.substring(slash + 1), 16);
        return new Lsn((hi << 32) | lo);
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    /** Whether this position lies strictly after {@code other}. */
    public boolean isAfter(Lsn other) {
        return compareTo(other) > 0;
    }

    /** The server's text form, {@code X/Y} in upper-case hexadecimal. */
    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }
}
