package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one WAL position type: PostgreSQL's text form in both directions, unsigned order, and refusals. */
class LsnTest {
    @Test
    void parsesAndFormatsPostgresText() {
        Lsn lsn = Lsn.parse("16/B374D848");
        assertThat(lsn.value()).isEqualTo(0x16_B374D848L);
        assertThat(lsn).hasToString("16/B374D848");
        assertThat(Lsn.parse("0/1A2B3C")).hasToString("0/1A2B3C");
        assertThat(Lsn.parse("0/001A2B3C")).isEqualTo(Lsn.parse("0/1A2B3C"));
    }

    @Test
    void comparesUnsigned() {
        Lsn high = Lsn.parse("FFFFFFFF/0");
        Lsn low = Lsn.parse("1/0");
        assertThat(high.isAfter(low)).isTrue();
        assertThat(high.compareTo(low)).isPositive();
        assertThat(low.isAfter(low)).isFalse();
    }

    @Test
    void rejectsWhatIsNoLsn() {
        for (String bad : new String[] {"", "16", "/1", "1/", "G/1", "123456789/0", "1/123456789", "-1/0"}) {
            assertThatThrownBy(() -> Lsn.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not an LSN");
        }
    }
}
