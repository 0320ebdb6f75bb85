package dev.foldout.pagescan;

import dev.foldout.pagescan.internal.Readers;
import java.util.Locale;

/**
 * How relation files are read. {@link #automatic()} picks the FFM reader on Java 22 and later and the
 * best fallback on Java 17–21; the system property {@value #PROPERTY} ({@code channel}, {@code mapped},
 * {@code ffm}) or {@link PageScanner#using(ReaderKind)} forces one.
 */
public enum ReaderKind {
    /** {@code FileChannel} positional reads of each page header: no mapping, works everywhere. */
    CHANNEL,
    /**
     * {@code MappedByteBuffer}s: fast, but Java 17 cannot unmap them; the mapping lives until the garbage
     * collector frees the buffer.
     */
    MAPPED,
    /**
     * A Panama FFM {@code MemorySegment} mapped in an {@code Arena} and unmapped when the reader closes.
     * Java 22 and later only, from the multi-release jar.
     */
    FFM;

    /** The system property that forces a reader: {@code channel}, {@code mapped} or {@code ffm}. */
    public static final String PROPERTY = "foldout.pagescan.reader";

    /** Whether this reader can run on this JVM. */
    public boolean isAvailable() {
        return this != FFM || Readers.ffmAvailable();
    }

    /**
     * The reader named by {@value #PROPERTY} if set; otherwise {@link #FFM} where available, else
     * {@link #CHANNEL} (faster than {@link #MAPPED} on the measured machine, see foldout-bench).
     *
     * @throws IllegalArgumentException if the property names no reader
     * @throws IllegalStateException if the property names a reader this JVM cannot run
     */
    public static ReaderKind automatic() {
        String forced = System.getProperty(PROPERTY, "").strip();
        if (!forced.isEmpty()) {
            return parse(forced).requireAvailable();
        }
        return FFM.isAvailable() ? FFM : CHANNEL;
    }

    /** The reader named {@code name} ({@code channel}, {@code mapped} or {@code ffm}, any case). */
    public static ReaderKind parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + name + "' names no page reader; use channel, mapped or ffm", e);
        }
    }

    /**
     * This reader, after checking that it is available.
     *
     * @throws IllegalStateException if it is not
     */
    public ReaderKind requireAvailable() {
        if (!isAvailable()) {
            throw new IllegalStateException("the " + name().toLowerCase(Locale.ROOT) + " page reader needs Java 22 or later "
                    + "and the foldout-pagescan jar (multi-release) on the class path; this is Java "
                    + Runtime.version().feature() + ": use channel or mapped");
        }
        return this;
    }
}
