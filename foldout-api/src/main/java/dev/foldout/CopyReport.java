package dev.foldout;

import java.time.Duration;
import java.util.Objects;

/**
 * Which copy path a snapshot or branch took, and how long the copy itself took.
 *
 * @param method  the path the server or backend took
 * @param elapsed wall-clock time of the copy (not counting locking and bookkeeping)
 * @param note    why that path was taken, e.g. that clone was not available on this file system
 */
public record CopyReport(CopyMethod method, Duration elapsed, String note) {
    /** Validates the record. */
    public CopyReport {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(elapsed, "elapsed");
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative, was " + elapsed);
        }
        note = Objects.requireNonNullElse(note, "");
    }

    /** One line for a human: {@code clone in 42 ms}. */
    public String describe() {
        String text = method.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " in " + elapsed.toMillis() + " ms";
        return note.isEmpty() ? text : text + " (" + note + ")";
    }
}
