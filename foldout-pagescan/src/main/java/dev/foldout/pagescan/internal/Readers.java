package dev.foldout.pagescan.internal;

import dev.foldout.pagescan.PageGeometry;
import dev.foldout.pagescan.ReaderKind;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens segment readers. The FFM reader lives in {@code META-INF/versions/22} of the multi-release jar and is
 * looked up by name, only on Java 22 and later, so that the rest of the library loads and runs on Java 17.
 */
public final class Readers {
    private static final Logger LOG = LoggerFactory.getLogger(Readers.class);
    private static final String FFM_CLASS = "dev.foldout.pagescan.internal.FfmSegmentReader";
    private static final MethodType FFM_OPEN = MethodType.methodType(SegmentReader.class, Path.class, PageGeometry.class,
            long.class, long.class, long.class, boolean.class);
    private static final MethodHandle FFM = findFfm();

    private Readers() {
    }

    /** Whether the FFM reader can be used on this JVM. */
    public static boolean ffmAvailable() {
        return FFM != null;
    }

    /**
     * A reader of kind {@code kind} of the window {@code [from, to)} of {@code file}, whose block 0 is relation
     * block {@code baseBlock}. {@code shared}: the reader may be used by other threads than this one (in turn).
     */
    public static SegmentReader open(ReaderKind kind, Path file, PageGeometry geometry, long baseBlock, long from, long to,
            boolean shared) {
        switch (kind.requireAvailable()) {
            case CHANNEL:
                return new ChannelSegmentReader(file, geometry, baseBlock, from, to);
            case MAPPED:
                return new MappedSegmentReader(file, geometry, baseBlock, from, to);
            default:
                try {
                    return (SegmentReader) FFM.invokeExact(file, geometry, baseBlock, from, to, shared);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException("the FFM page reader failed to open " + file, e);
                }
        }
    }

    private static MethodHandle findFfm() {
        if (Runtime.version().feature() < 22) {
            LOG.debug("Java {}: the FFM page reader needs 22 or later", Runtime.version().feature());
            return null;
        }
        try {
            Class<?> type = Class.forName(FFM_CLASS, true, Readers.class.getClassLoader());
            return MethodHandles.publicLookup().findStatic(type, "open", FFM_OPEN);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debug("the FFM page reader is not on the class path (not loaded from the multi-release jar?): {}", e.toString());
            return null;
        }
    }
}
