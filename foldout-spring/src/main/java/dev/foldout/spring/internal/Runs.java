package dev.foldout.spring.internal;

import dev.foldout.junit5.internal.ExtensionConfig;
import dev.foldout.junit5.internal.RunState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of this JVM, one per configuration (server, seed, pool size): Spring caches test contexts across test
 * classes, so a run lives as long as the JVM and is closed - its pool's branches dropped - when the JVM exits.
 */
final class Runs {
    private static final Map<String, RunState> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.values().forEach(RunState::close),
                "foldout-spring-runs"));
    }

    private Runs() {
    }

    /** The run of {@code config}, opened (seed built, pool started) on first use. */
    static RunState of(ExtensionConfig config) {
        return OPEN.computeIfAbsent(config.runKey(), k -> RunState.open(config));
    }
}
