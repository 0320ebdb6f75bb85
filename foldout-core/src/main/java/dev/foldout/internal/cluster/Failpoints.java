package dev.foldout.internal.cluster;

import dev.foldout.ProgressListener;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash testing: with {@code -Dfoldout.failpoint=OP:N} the JVM halts (no clean-up, as if killed) when the N-th
 * step of operation OP ({@code instance-branch}, {@code instance-delete}) begins, counting the steps reported to
 * the progress listener. Without the property nothing happens.
 */
public final class Failpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Failpoints.class);
    static final String PROPERTY = "foldout.failpoint";
    /** The exit status of a halt at a failpoint. */
    static final int HALT_STATUS = 86;

    private Failpoints() {
    }

    private static final java.util.Map<String, AtomicInteger> REACHED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Marks that {@code operation} reached {@code step}: the JVM halts when this is the N-th step of the operation
     * that {@code -Dfoldout.failpoint=OP:N} names (for operations that mark their steps themselves: {@code merge},
     * {@code rebuild}, {@code instance-merge}).
     */
    public static void at(String operation, String step) {
        String configured = System.getProperty(PROPERTY, "");
        if (!configured.startsWith(operation + ":")) {
            return;
        }
        int haltAt = Integer.parseInt(configured.substring(operation.length() + 1));
        if (REACHED.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet() == haltAt) {
            LOG.warn("failpoint {}: halting at step {} ({})", configured, haltAt, step);
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    /** The listener, wrapped so that it halts the JVM at the configured step of {@code operation}. */
    static ProgressListener wrap(String operation, ProgressListener listener) {
        String configured = System.getProperty(PROPERTY, "");
        if (!configured.startsWith(operation + ":")) {
            return listener;
        }
        int haltAt = Integer.parseInt(configured.substring(operation.length() + 1));
        AtomicInteger steps = new AtomicInteger();
        return step -> {
            if (steps.incrementAndGet() == haltAt) {
                LOG.warn("failpoint {}: halting before step {} ({})", configured, haltAt, step);
                Runtime.getRuntime().halt(HALT_STATUS);
            }
            listener.step(step);
        };
    }
}
