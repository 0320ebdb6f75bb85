package dev.foldout.internal.diff.rows;

import java.util.Comparator;

/**
 * The order both sides' rows are streamed in: each column's text output compared by code point (the server sorts
 * the text's UTF-8 bytes, {@code convert_to(text, 'UTF8')}, whatever the database's encoding), NULLs first, column
 * after column. Java compares the server's text without
 * knowing the type, and still sorts exactly as the server did.
 */
public final class KeyOrder implements Comparator<String[]> {
    /** The one instance. */
    public static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {
    }

    @Override
    public int compare(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = compareText(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
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
