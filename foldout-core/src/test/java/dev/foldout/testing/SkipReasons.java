package dev.foldout.testing;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Says on the build's output why a test or a whole test class did not run: a class whose {@code @BeforeAll} aborts
 * (a capability missing on a laptop) otherwise shows only as "Tests run: 0". Registered for every module that uses
 * the core test kit (META-INF/services).
 */
public final class SkipReasons implements TestExecutionListener {
    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        say(test, "was skipped", reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            say(test, "did not run", result.getThrowable().map(Throwable::getMessage).orElse("no reason given"));
        }
    }

    private static void say(TestIdentifier test, String what, String reason) {
        String name = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> m.getClassName() + "." + m.getMethodName()).orElse(test.getLegacyReportingName());
        System.err.println("[foldout tests] " + (test.isContainer() ? "class " : "test ") + name + " " + what + ": "
                + (reason == null ? "no reason given" : reason.lines().findFirst().orElse("")));
    }
}
