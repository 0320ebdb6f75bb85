package dev.foldout.internal.diff.locate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.pagescan.PageGeometry;
import dev.foldout.spi.CutSnapshot;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which transaction IDs the commit logs are compared over, with and without the cut's transactions recorded. */
class XidRangeTest {
    private static final PageGeometry GEOMETRY = new PageGeometry(8192, 1L << 30);

    private static ClusterFacts side(long xmax, long oldestXid) {
        return new ClusterFacts(16384, "replica", 5432, GEOMETRY, xmax, oldestXid, new long[0]);
    }

    @Test
    void withoutTheCutsTransactionsEveryIdTheTablesMayHoldIsCompared() {
        XidRange r = XidRange.of(Optional.empty(), side(900, 500), side(880, 520));
        assertThat(r).isEqualTo(new XidRange(500, 880, Long.MAX_VALUE, false));
        assertThat(r.describe()).isEqualTo("of all transactions the tables may hold (IDs 500 to 879; the cut's "
                + "transactions were not recorded for this branch)");
    }

    @Test
    void withThemOnlyThoseRunningAtTheCut() {
        XidRange r = XidRange.of(Optional.of(new CutSnapshot(700, 705)), side(900, 500), side(880, 520));
        assertThat(r).isEqualTo(new XidRange(700, 705, 705, true));
        assertThat(r.describe()).isEqualTo("of the transactions running at the cut (IDs 700 to 704)");
    }

    @Test
    void neverBelowTheOldestFrozenIdNorAtOrPastEitherSnapshotsXmax() {
        assertThat(XidRange.of(Optional.of(new CutSnapshot(400, 705)), side(900, 500), side(880, 520)).from()).isEqualTo(500);
        XidRange r = XidRange.of(Optional.of(new CutSnapshot(700, 950)), side(900, 500), side(880, 520));
        assertThat(r.to()).isEqualTo(880);
        assertThat(r.limit()).as("prepared transactions past the cut's counter are not the branch's").isEqualTo(950);
    }

    @Test
    void noTransactionRunningAtTheCutComparesNone() {
        XidRange r = XidRange.of(Optional.of(new CutSnapshot(0, 0)), side(900, 500), side(880, 520));
        assertThat(r.to()).isLessThanOrEqualTo(r.from());
        assertThat(r.describe()).isEqualTo("of the transactions running at the cut (none)");
    }
}
