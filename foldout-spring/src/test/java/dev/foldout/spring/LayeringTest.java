package dev.foldout.spring;

import dev.foldout.testing.Layering;
import org.junit.jupiter.api.Test;

/** foldout-spring depends on foldout-api and its SPI only, not on foldout-core's internals. */
class LayeringTest {
    @Test
    void usesTheApiOnly() {
        Layering.checkModuleUsesApiOnly();
    }
}
