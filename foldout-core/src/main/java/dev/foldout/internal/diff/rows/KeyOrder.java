package dev.foldout.internal.diff.rows;

import java.util.Comparator;

/**
 * The order both sides' rows are streamed in, reproduced in Java so that two streams can be merged. A column is
 * compared either by its text's code points (the server sorts the text's UTF-8 bytes, {@code convert_to(text,
 * 'UTF8')}, or in the "C" collation, whatever the database's encoding; a {@code uuid}'s text sorts as its bytes do),
 * or, for the integer types read in their own order through the key's index, as a number. NULLs come first; column
 * after column.
 */
public final class KeyOrder implements Comparator<String[]> {
    /** Every column by code point. */
    public static final KeyOrder INSTANCE = new KeyOrder(new boolean[0]);

    /** Per column, whether it is compared as an integer; columns past the end by code point. */
    private final boolean[] integer;

    private KeyOrder(boolean[] integer) {
        this.integer = integer;
    }

    /** An order whose column {@code i} compares as an integer where {@code integer[i]}. */
    static KeyOrder of(boolean[] integer) {
        return new KeyOrder(integer.clone());
    }

    @Override
    public int compare(String[] a, String[] b) {
        return compare(a, b, a.length);
    }

    /** Compares the first {@code n} columns of both rows. */
    int compare(String[] a, String[] b, int n) {
        for (int i = 0; i < n; i++) {
            int c = i < integer.length && integer[i] ? compareInteger(a[i], b[i]) : compareText(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareInteger(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }

    /** Code-point order, NULL first. */
    static int compareText(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
