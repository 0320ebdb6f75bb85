package dev.foldout.pagescan;

/**
 * One line pointer ({@code ItemIdData}) of a page: where an item lies and what state it is in.
 *
 * @param offsetNumber the 1-based position in the line pointer array (a tuple's {@code ctid} is
 *        {@code (block, offsetNumber)})
 * @param offset {@code lp_off}: the item's byte offset in the page (for a redirect: the offset number it
 *        points to)
 * @param state {@code lp_flags}
 * @param length {@code lp_len}: the item's length in bytes
 */
public record LinePointer(int offsetNumber, int offset, State state, int length) {
    /** {@code lp_flags}. */
    public enum State {
        /** {@code LP_UNUSED} (0): free. */
        UNUSED,
        /** {@code LP_NORMAL} (1): in use, an item with storage. */
        NORMAL,
        /** {@code LP_REDIRECT} (2): HOT redirect to another line pointer. */
        REDIRECT,
        /** {@code LP_DEAD} (3): dead, may or may not have storage. */
        DEAD;

        private static final State[] VALUES = values();

        /** The state of the two {@code lp_flags} bits. */
        public static State of(int bits) {
            return VALUES[bits & PageLayout.LP_FLAGS_MASK];
        }
    }

    /** Validates the record. */
    public LinePointer {
        if (offsetNumber < 1) {
            throw new IllegalArgumentException("offset number " + offsetNumber + " is below 1");
        }
        if (offset < 0 || offset > PageLayout.LP_OFF_MASK) {
            throw new IllegalArgumentException("lp_off " + offset + " does not fit in 15 bits");
        }
        if (length < 0 || length > PageLayout.LP_OFF_MASK) {
            throw new IllegalArgumentException("lp_len " + length + " does not fit in 15 bits");
        }
        if (state == null) {
            throw new IllegalArgumentException("state is null");
        }
    }

    /** Decodes the 32-bit word at {@code 24 + 4·(offsetNumber − 1)}. */
    public static LinePointer decode(int offsetNumber, int word) {
        return new LinePointer(offsetNumber, word & PageLayout.LP_OFF_MASK,
                State.of(word >>> PageLayout.LP_FLAGS_SHIFT), word >>> PageLayout.LP_LEN_SHIFT);
    }
}
