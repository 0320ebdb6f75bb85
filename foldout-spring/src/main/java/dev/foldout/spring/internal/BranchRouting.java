package dev.foldout.spring.internal;

import dev.foldout.junit5.run.TestRun;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Which branch a Spring context's data sources serve now: the running test's (or test class's), else - while the
 * context starts, before any test - a branch of its own, given back when the first test takes one.
 */
public final class BranchRouting {
    private final TestRun run;
    private final Duration timeout;
    private TestRun.Lease current;
    private TestRun.Lease startup;

    BranchRouting(TestRun run, Duration timeout) {
        this.run = run;
        this.timeout = timeout;
    }

    /** The data source of the branch serving now. */
    synchronized DataSource current(String bean) {
        if (current != null) {
            return current.dataSource();
        }
        if (startup == null) {
            startup = run.lease(timeout);
        }
        return startup.dataSource();
    }

    /** A test (or test class) starts: its branch serves from now on. */
    public synchronized TestRun.Lease begin() {
        if (startup != null) {
            startup.close(); // what the context read while starting is done: its connections are closed
            startup = null;
        }
        current = run.lease(timeout);
        return current;
    }

    /** The test (or class) ended: its connections are closed and its branch given back. */
    public synchronized void end(TestRun.Lease tb) {
        if (current == tb) {
            current = null;
        }
        tb.close();
    }

    synchronized String describe() {
        return current != null ? "serving branch " + current.name() : "no test running";
    }
}
