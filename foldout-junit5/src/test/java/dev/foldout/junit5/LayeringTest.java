package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.Layering;
import org.junit.jupiter.api.Test;

/** foldout-junit5 depends on foldout-api and its SPI only, not on foldout-core's internals. */
class LayeringTest {
    @Test
    void usesTheApiOnly() {
        assertThat(Layering.checkModuleUsesApiOnly()).as("the classes the rule checked")
                .contains("dev.foldout.junit5.FoldoutExtension");
    }
}
