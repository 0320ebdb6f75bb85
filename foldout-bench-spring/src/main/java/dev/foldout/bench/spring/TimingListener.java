package dev.foldout.bench.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Times one launcher run: when the test class started, each test's start and end, the body time each test published,
 * what the first test saw of its server, and the failures. Tests run one after another.
 */
final class TimingListener implements TestExecutionListener {
    /** One finished test: when it started, its body started and ended, and it ended ({@link System#nanoTime()}). */
    record Timed(long start, long bodyStart, long bodyEnd, long end) {
        long bodyNanos() {
            return bodyEnd - bodyStart;
        }

        /** The test's span less its body: what was done for it before and after the body. */
        long waitNanos() {
            return end - start - bodyNanos();
        }
    }

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, long[]> bodies = new ConcurrentHashMap<>();
    private final List<Timed> tests = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private volatile long classStart;
    private volatile String server = "";

    @Override
    public void executionStarted(TestIdentifier id) {
        long now = System.nanoTime();
        if (id.isTest()) {
            started.put(id.getUniqueId(), now);
        } else if (classStart == 0 && id.getSource().filter(ClassSource.class::isInstance).isPresent()) {
            classStart = now;
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (values.containsKey(NotesWorkload.BODY_NANOS)) {
            String[] startEnd = values.get(NotesWorkload.BODY_NANOS).split(" ");
            bodies.put(id.getUniqueId(), new long[] {Long.parseLong(startEnd[0]), Long.parseLong(startEnd[1])});
        }
        if (values.containsKey(NotesWorkload.SERVER)) {
            server = values.get(NotesWorkload.SERVER);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        long now = System.nanoTime();
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            failures.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("no cause given"));
        }
        Long start = started.remove(id.getUniqueId());
        long[] body = bodies.remove(id.getUniqueId());
        if (id.isTest() && start != null && body != null && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            tests.add(new Timed(start, body[0], body[1], now));
        }
    }

    /** The passed tests, in the order they ended. */
    synchronized List<Timed> tests() {
        return List.copyOf(tests);
    }

    /** Failed tests and containers, each with its cause. */
    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /** When the test class started (its context is built after this), in {@link System#nanoTime()}. */
    long classStart() {
        return classStart;
    }

    /** What the first test published of its server: version, data directory, fsync, database size. */
    String server() {
        return server;
    }
}
