package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CopyOptionsTest {
    @Test
    void listenAddressesAreIpAddressesOrTheWildcard() {
        assertThat(CopyOptions.DEFAULTS.listenAddress()).isEmpty();
        assertThat(CopyOptions.DEFAULTS.withListenAddress("0.0.0.0").listenAddress()).isEqualTo("0.0.0.0");
        assertThat(CopyOptions.DEFAULTS.withListenAddress("*").withBackend("zfs").listenAddress()).isEqualTo("*");
        assertThat(CopyOptions.DEFAULTS.withListenAddress("::1").listenAddress()).isEqualTo("::1");
        assertThat(new CopyOptions(true, "m", "zfs").listenAddress()).isEmpty();
        for (String bad : new String[] {"localhost", "1.2.3.4; rm -rf /", "a b", "'x'"}) {
            assertThatThrownBy(() -> CopyOptions.DEFAULTS.withListenAddress(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not an IP address");
        }
    }
}
