package dev.foldout.bench.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunFiguresTest {
    private static final long MS = 1_000_000;

    /** Three tests of 10 ms bodies: 5 ms before and 1 ms after each, 2 ms between them; the class started 100 ms early. */
    private static final List<TimingListener.Timed> TIMED = List.of(
            new TimingListener.Timed(100 * MS, 105 * MS, 115 * MS, 116 * MS),
            new TimingListener.Timed(118 * MS, 123 * MS, 133 * MS, 134 * MS),
            new TimingListener.Timed(136 * MS, 141 * MS, 151 * MS, 152 * MS));

    @Test
    void totalsOverheadAndWaitsComeFromTheSpansAndBodies() {
        RunFigures f = RunFigures.of("zonky", "10mb", TIMED, 0, 0, 17L << 20);
        assertThat(f.tests()).isEqualTo(3);
        assertThat(f.seedMb()).isEqualTo(17);
        assertThat(f.wholeMs()).isCloseTo(152, within(1e-9));
        assertThat(f.totalMs()).isCloseTo(52, within(1e-9));
        assertThat(f.firstMs()).isCloseTo(16, within(1e-9));
        assertThat(f.restMs()).isCloseTo(36, within(1e-9));
        assertThat(f.overheadMs()).as("(52 - 30) / 3").isCloseTo(22.0 / 3, within(1e-9));
        assertThat(f.restOverheadMs()).as("(36 - 20) / 2").isCloseTo(8, within(1e-9));
        assertThat(f.medianWaitMs()).isCloseTo(6, within(1e-9));
        assertThat(f.medianBeforeMs()).isCloseTo(5, within(1e-9));
        assertThat(f.medianAfterMs()).isCloseTo(1, within(1e-9));
        assertThat(f.medianBodyMs()).isCloseTo(10, within(1e-9));
    }

    @Test
    void aLineReadsBackAsTheSameFigures() {
        RunFigures f = RunFigures.of("foldout", "1gb", TIMED, 1, 50 * MS, 963L << 20);
        assertThat(RunFigures.parse(f.line())).usingRecursiveComparison()
                .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-3 ? 0 : Double.compare(a, b), Double.class)
                .isEqualTo(f);
    }

    @Test
    void aRunWithoutPassedTestsHasZeroFigures() {
        RunFigures f = RunFigures.of("zonky", "1gb", List.of(), 1, 0, 0);
        assertThat(f.tests()).isZero();
        assertThat(f.failures()).isEqualTo(1);
        assertThat(f.totalMs()).isZero();
    }
}
