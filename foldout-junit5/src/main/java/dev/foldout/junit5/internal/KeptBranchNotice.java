package dev.foldout.junit5.internal;

import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Added to a failed test's exception (as a suppressed exception, so the failure itself is unchanged) to say
 * that its branch was kept and how to connect to it. Carries no stack trace.
 */
public final class KeptBranchNotice extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A notice for branch {@code tb}; {@code perClass} when it is the class's branch, kept after the last test. */
    public KeptBranchNotice(TestBranch tb, boolean perClass) {
        super("foldout-junit5 keeps " + (perClass ? "this class's" : "this test's") + " branch " + tb.name()
                + " for inspection: connect with " + tb.describe() + "; drop it with: foldout delete-branch "
                + tb.name(), null, false, false);
    }

    /**
     * Whether {@code t} failed what ran, rather than aborted it: a failed assumption ({@link TestAbortedException})
     * is no failure, and its branch is not kept.
     */
    public static boolean isFailure(Throwable t) {
        return !(t instanceof TestAbortedException);
    }

    /** Whether an execution ended in a failure (not an abort). */
    public static boolean isFailure(Optional<Throwable> execution) {
        return execution.isPresent() && isFailure(execution.get());
    }

    /** Adds a notice for {@code tb} to {@code failure}, unless it carries one already. */
    public static void attach(Throwable failure, TestBranch tb, boolean perClass) {
        for (Throwable s : failure.getSuppressed()) {
            if (s instanceof KeptBranchNotice) {
                return;
            }
        }
        failure.addSuppressed(new KeptBranchNotice(tb, perClass));
    }
}
