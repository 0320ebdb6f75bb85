package dev.foldout;

import java.util.Objects;

/**
 * Options of one diff.
 *
 * @param locator  how changed rows are found; {@link Locator#AUTO} picks the best available
 * @param keepRows keep every changed row in the {@link Diff} (its {@link TableDiff#rows()}); without, only counts
 *                 are kept and {@link Diff#toSql()} computes the rows again
 */
public record DiffOptions(Locator locator, boolean keepRows) {
    /** The defaults: the best locator, rows kept. */
    public static final DiffOptions DEFAULTS = new DiffOptions(Locator.AUTO, true);

    /** Validates the record. */
    public DiffOptions {
        Objects.requireNonNull(locator, "locator");
    }

    /** These options with another locator. */
    public DiffOptions withLocator(Locator value) {
        return new DiffOptions(value, keepRows);
    }

    /** These options keeping the changed rows in the diff, or only their counts. */
    public DiffOptions withKeepRows(boolean value) {
        return new DiffOptions(locator, value);
    }
}
