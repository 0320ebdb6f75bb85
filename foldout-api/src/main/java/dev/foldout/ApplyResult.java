package dev.foldout;

import java.time.Duration;
import java.util.Objects;

/**
 * What an apply did.
 *
 * @param target     the database changed
 * @param statements the statements run
 * @param rows       the rows inserted, updated and deleted
 * @param elapsed    how long the transaction took
 */
public record ApplyResult(String target, int statements, long rows, Duration elapsed) {
    /** Validates the record. */
    public ApplyResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
