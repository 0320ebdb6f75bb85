package dev.foldout.zfs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZfsLocationTest {
    @Test
    void slashesInBranchNamesNeverMakeChildDatasets() {
        ZfsLocation loc = ZfsLocation.of("tank/pg", "tank/pg", "feature/auth/v2");
        assertThat(loc.snapshot()).isEqualTo("tank/pg@foldout.feature:auth:v2");
        assertThat(loc.dataset()).isEqualTo("tank/pg.foldout/feature:auth:v2");
        assertThat(loc.container()).isEqualTo("tank/pg.foldout");
    }

    @Test
    void branchesOfBranchesGoBesideTheOthers() {
        ZfsLocation loc = ZfsLocation.of("tank/pg.foldout/base", "tank/pg", "base/child");
        assertThat(loc.snapshot()).isEqualTo("tank/pg.foldout/base@foldout.base:child");
        assertThat(loc.dataset()).isEqualTo("tank/pg.foldout/base:child");
    }

    @Test
    void readsBackWhatItWrites() {
        ZfsLocation loc = ZfsLocation.of("tank/pg", "tank/pg", "x");
        assertThat(ZfsLocation.parse(loc.toString())).isEqualTo(loc);
        assertThatThrownBy(() -> ZfsLocation.parse("tank/pg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZfsLocation.encode("a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
