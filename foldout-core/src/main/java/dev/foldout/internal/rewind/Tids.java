package dev.foldout.internal.rewind;

import java.util.Collection;

/** A tuple's place in the main fork of its relation as one long: the block number above 16 bits, the line pointer below. */
final class Tids {
    private Tids() {
    }

    static long of(long block, int offset) {
        return block << 16 | offset;
    }

    static long block(long tid) {
        return tid >>> 16;
    }

    static int offset(long tid) {
        return (int) (tid & 0xffff);
    }

    /** {@code (block,offset)}, as PostgreSQL prints a ctid. */
    static long parse(String text) {
        int comma = text.indexOf(',');
        return of(Long.parseLong(text.substring(1, comma)), Integer.parseInt(text.substring(comma + 1, text.length() - 1)));
    }

    /** An array literal of tuple IDs, for a {@code ?::tid[]} parameter. */
    static String array(Collection<Long> tids) {
        StringBuilder out = new StringBuilder("{");
        for (long t : tids) {
            out.append(out.length() == 1 ? "" : ",").append("\"(").append(block(t)).append(',').append(offset(t)).append(")\"");
        }
        return out.append('}').toString();
    }
}
