package dev.foldout.internal.diff.locate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * How far before a write the modification time a file system gives it may lie, told from a file's own time. The
 * kernel stamps file times from its coarse clock, up to one tick (at most 10 ms) behind the real time; and some file
 * systems keep coarser times than that: zfs-fuse keeps whole seconds (a write at 12:00:00.9 is stamped 12:00:00), a
 * few keep 10 or 100 ms. A time on such a file system is a multiple of its step, so the largest power of ten that
 * divides a file's time (in nanoseconds) is at least the step of its file system; a time of a whole second may be
 * from a file system that keeps two.
 */
final class FileTimes {
    /** Several ticks of the kernel's coarse clock. */
    static final Duration TICKS = Duration.ofMillis(12);
    private static final long WHOLE_SECONDS_STEP = 2_000_000_000L;
    private static final long MAX_FINE_STEP = 100_000_000L;

    private FileTimes() {
    }

    /**
     * The moment before which {@code file} (an existing segment file) is skipped unread when nothing wrote its
     * relation since {@code quiet}: {@code quiet}, less the kernel's clock ticks and the step of the file's times.
     *
     * @throws IOException if the file cannot be stat-ed
     */
    static Instant skipBefore(Path file, Instant quiet) throws IOException {
        Instant time = Files.getLastModifiedTime(file).toInstant();
        return quiet.minus(TICKS).minusNanos(step(time.getNano()));
    }

    /** The coarsest step the sub-second part {@code nanos} of a file time may come from. */
    static long step(int nanos) {
        if (nanos == 0) {
            return WHOLE_SECONDS_STEP;
        }
        long step = 1;
        while (step < MAX_FINE_STEP && nanos % (step * 10) == 0) {
            step *= 10;
        }
        return step;
    }
}
