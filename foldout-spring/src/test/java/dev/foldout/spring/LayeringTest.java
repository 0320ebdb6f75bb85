package dev.foldout.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.Layering;
import org.junit.jupiter.api.Test;

/**
 * foldout-spring depends on foldout-api and its SPI only, not on foldout-core's internals, and on foldout-junit5's
 * public packages only (its seed and pool through {@code dev.foldout.junit5.run}).
 */
class LayeringTest {
    @Test
    void usesTheApiOnly() {
        assertThat(Layering.checkModuleUsesApiOnly("dev.foldout.junit5.internal..")).as("the classes the rule checked")
                .contains("dev.foldout.spring.internal.FoldoutContextCustomizer");
    }
}
