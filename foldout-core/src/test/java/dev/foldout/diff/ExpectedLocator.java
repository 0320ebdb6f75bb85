package dev.foldout.diff;

import dev.foldout.Locator;
import dev.foldout.server.PostgresBinaries;

/**
 * What a table diff's {@code locator()} starts with when a diff asked for {@code asked} on the build's PostgreSQL:
 * WAL summaries exist from 17 on; before that the default is the page scan, and an explicit request for summaries
 * falls back to a full compare that says why.
 */
final class ExpectedLocator {
    private ExpectedLocator() {
    }

    static String prefix(Locator asked) {
        boolean summaries = PostgresBinaries.fromClasspath().majorVersion() >= 17;
        return switch (asked) {
            case PAGESCAN -> "pagescan";
            case FULL_COMPARE -> "full-compare";
            case WAL_SUMMARIES -> summaries ? "wal-summaries" : "full-compare: no change locator here";
            default -> summaries ? "wal-summaries" : "pagescan";
        };
    }
}
