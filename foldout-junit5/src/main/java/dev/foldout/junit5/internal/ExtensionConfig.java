package dev.foldout.junit5.internal;

import dev.foldout.junit5.Scope;
import java.util.Objects;
import java.util.Optional;

/**
 * One extension's settings, from its builder or its {@code @FoldoutTest} annotation.
 *
 * @param url        the server; empty: the system property, environment variable or embedded cluster
 * @param seed       what the seed is made of
 * @param scope      per test or per class
 * @param poolSize   branches made ahead
 * @param keepFailed keep a failed test's branch
 */
public record ExtensionConfig(Optional<String> url, SeedSpec seed, Scope scope, int poolSize, boolean keepFailed) {
    /** The largest pool accepted: each pooled branch is a database on the server. */
    public static final int MAX_POOL_SIZE = 32;

    /** Validates the record. */
    public ExtensionConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(scope, "scope");
        requirePoolSize(poolSize);
    }

    /** Rejects a pool size outside 1..{@value #MAX_POOL_SIZE}. */
    public static int requirePoolSize(int size) {
        if (size < 1 || size > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("poolSize must be 1.." + MAX_POOL_SIZE + ", was " + size
                    + " (branches made ahead of the tests; 2 suits most suites, more for parallel runs)");
        }
        return size;
    }

    /**
     * Which run state serves this configuration: classes whose server, seed and pool size agree share one
     * seed and one pool within a run.
     */
    public String runKey() {
        return url.orElse("") + "|" + seed.key() + "|" + seed.seeder().map(s -> seederClass(s.getClass())).orElse("")
                + "|" + poolSize;
    }

    /** A seeder's class name without the per-JVM suffix of a lambda's hidden class. */
    static String seederClass(Class<?> c) {
        String n = c.getName();
        int lambda = n.indexOf("$$Lambda");
        return lambda < 0 ? n : n.substring(0, lambda + "$$Lambda".length());
    }
}
