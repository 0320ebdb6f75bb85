package dev.foldout.pagescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReaderKindTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(ReaderKind.PROPERTY);
    }

    @Test
    void picksFfmOnThisJvm() {
        assertThat(Runtime.version().feature()).as("the tests run on the toolchain JDK").isGreaterThanOrEqualTo(22);
        assertThat(ReaderKind.FFM.isAvailable()).isTrue();
        assertThat(ReaderKind.automatic()).isEqualTo(ReaderKind.FFM);
        assertThat(PageScanner.create().reader()).isEqualTo(ReaderKind.FFM);
    }

    @Test
    void aSystemPropertyForcesAReader() {
        System.setProperty(ReaderKind.PROPERTY, "Mapped");
        assertThat(PageScanner.create().reader()).isEqualTo(ReaderKind.MAPPED);
        System.setProperty(ReaderKind.PROPERTY, "channel");
        assertThat(ReaderKind.automatic()).isEqualTo(ReaderKind.CHANNEL);
        System.setProperty(ReaderKind.PROPERTY, "fast");
        assertThatThrownBy(ReaderKind::automatic).hasMessageContaining("'fast' names no page reader");
    }
}
