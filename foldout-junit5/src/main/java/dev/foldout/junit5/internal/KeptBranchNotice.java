package dev.foldout.junit5.internal;

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
}
