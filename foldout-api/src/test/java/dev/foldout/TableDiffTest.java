package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableDiffTest {

    private static TableDiff found(String locator) {
        return new TableDiff("public", "t", List.of("id"), locator, 1, 0, 0, List.of());
    }

    @Test
    void theLocatorAsAnEnumIsAFullCompareWheneverAnyPartWasComparedInFull() {
        assertThat(found("pagescan").locatedBy()).isEqualTo(Locator.PAGESCAN);
        assertThat(found("wal-summaries").locatedBy()).isEqualTo(Locator.WAL_SUMMARIES);
        assertThat(found("full-compare: unlogged").locatedBy()).isEqualTo(Locator.FULL_COMPARE);
        assertThat(found("new-table").locatedBy()).isEqualTo(Locator.FULL_COMPARE);
        assertThat(found("pagescan + full-compare of 1 of 3 partitions: rewritten").locatedBy())
                .isEqualTo(Locator.FULL_COMPARE);
        assertThat(found("wal-summaries + full-compare of 2 of 4 partitions: unlogged").locatedBy())
                .isEqualTo(Locator.FULL_COMPARE);
    }
}
