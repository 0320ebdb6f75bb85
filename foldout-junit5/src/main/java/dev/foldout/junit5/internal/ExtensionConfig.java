package dev.foldout.junit5.internal;

import dev.foldout.junit5.Scope;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One extension's settings, from its builder or its {@code @FoldoutTest} annotation.
 *
 * @param url           the server; empty: the system property, environment variable or embedded cluster
 * @param urlSetting    where {@code url} was given, for messages (e.g. {@code @FoldoutTest(url) on OrderIT})
 * @param seed          what the seed is made of
 * @param scope         per test or per class
 * @param poolSize      branches made ahead
 * @param keepFailed    keep a failed test's branch
 * @param branchTimeout how long a test waits for a branch before it fails
 */
public record ExtensionConfig(Optional<String> url, String urlSetting, SeedSpec seed, Scope scope, int poolSize,
                              boolean keepFailed, Duration branchTimeout) {
    /** The largest pool accepted: each pooled branch is a database on the server. */
    public static final int MAX_POOL_SIZE = 32;
    /** How long a test waits for a branch unless told otherwise. */
    public static final Duration DEFAULT_BRANCH_TIMEOUT = Duration.ofMinutes(5);

    /** Validates the record. */
    public ExtensionConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(urlSetting, "urlSetting");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(scope, "scope");
        requirePoolSize(poolSize);
        requireBranchTimeout(branchTimeout);
    }

    /** Rejects a pool size outside 1..{@value #MAX_POOL_SIZE}. */
    public static int requirePoolSize(int size) {
        if (size < 1 || size > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("poolSize must be 1.." + MAX_POOL_SIZE + ", was " + size
                    + " (branches made ahead of the tests; 2 suits most suites, more for parallel runs)");
        }
        return size;
    }

    /** Rejects a missing, zero or negative branch timeout. */
    public static Duration requireBranchTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "branchTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("branchTimeout must be positive, was " + timeout
                    + " (how long a test waits for its branch; the default is 5 minutes)");
        }
        return timeout;
    }

    /**
     * Which run state serves this configuration: classes whose server, seed and pool size agree share one
     * seed and one pool within a run.
     */
    public String runKey() {
        return url.orElse("") + "|" + seed.key() + "|" + poolSize;
    }
}
