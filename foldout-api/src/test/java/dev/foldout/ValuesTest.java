package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void lsnRoundTripsAndComparesUnsigned() {
        assertThat(Lsn.parse("0/16B3748").toString()).isEqualTo("0/16B3748");
        assertThat(Lsn.parse("FFFFFFFF/0").isAfter(Lsn.parse("7FFFFFFF/FFFFFFFF"))).isTrue();
        assertThat(Lsn.parse("1/0").compareTo(Lsn.parse("0/FFFFFFFF"))).isPositive();
        assertThatThrownBy(() -> Lsn.parse("16B3748")).hasMessageContaining("X/Y");
        assertThatThrownBy(() -> Lsn.parse("0/xyz")).hasMessageContaining("0/xyz");
    }

    @Test
    void configRejectsImpossibleValuesAtOnce() {
        assertThatThrownBy(() -> FoldoutConfig.builder().terminateTimeout(Duration.ZERO))
                .hasMessageContaining("terminateTimeout");
        assertThatThrownBy(() -> FoldoutConfig.builder().build()).hasMessageContaining("url");
        FoldoutConfig c = FoldoutConfig.builder().url("postgresql://h/d").backend("template").build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void inUseMessageNamesEveryBlocker() {
        DatabaseInUseException e = new DatabaseInUseException("app", List.of(
                new SessionInfo(42, "alice", "psql", "127.0.0.1", "idle"),
                new SessionInfo(43, "bob", "", null, "active")), "run again with --force");
        assertThat(e.getMessage()).contains("\"app\"", "2 sessions", "pid 42 (psql, user alice, from 127.0.0.1, idle)",
                "pid 43 (no application_name, user bob, from local, active)", "--force");
        assertThat(e.blockers()).hasSize(2);
    }

    @Test
    void copyOptionsAreImmutable() {
        CopyOptions o = CopyOptions.DEFAULTS.withForce(true).withMessage("m");
        assertThat(CopyOptions.DEFAULTS.force()).isFalse();
        assertThat(o.force()).isTrue();
        assertThat(o.message()).isEqualTo("m");
        assertThat(new CopyReport(CopyMethod.CLONE, Duration.ofMillis(42), "").describe()).isEqualTo("clone in 42 ms");
    }
}
