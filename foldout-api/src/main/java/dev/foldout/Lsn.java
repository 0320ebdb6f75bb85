package dev.foldout;

/**
 * A PostgreSQL write-ahead-log position ({@code pg_lsn}), compared as an unsigned 64-bit number.
 *
 * @param value the position as an unsigned 64-bit value
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /** Parses the server's text form {@code X/Y} (two hexadecimal numbers). */
    public static Lsn parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("LSN text is null; expected the form X/Y, e.g. 0/16B3748");
        }
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || slash > 8 || text.length() - slash - 1 > 8) {
            throw new IllegalArgumentException("not an LSN: '" + text + "'; expected the form X/Y, e.g. 0/16B3748");
        }
        try {
            long hi = Long.parseLong(text.substring(0, slash), 16);
            long lo = Long.parseLong(text.substring(slash + 1), 16);
            return new Lsn((hi << 32) | lo);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an LSN: '" + text + "'; expected the form X/Y, e.g. 0/16B3748", e);
        }
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
