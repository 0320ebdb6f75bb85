package dev.foldout.bench.junit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Collects each test's published wait, the first start and last end, and the failures of one launcher run. */
final class WaitListener implements TestExecutionListener {
    private final List<Double> waitsMs = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile long firstStart;
    private volatile long lastEnd;
    private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Double> testsMs = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> workMs = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest() && firstStart == 0) {
            firstStart = System.nanoTime();
        }
        if (id.isTest()) {
            started.put(id.getUniqueId(), System.nanoTime());
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            lastEnd = System.nanoTime();
            Long t0 = started.remove(id.getUniqueId());
            if (t0 != null) {
                testsMs.add((lastEnd - t0) / 1e6);
            }
        }
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            failures.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("?"));
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((k, v) -> {
            if (k.equals("foldout.wait.micros")) {
                waitsMs.add(Long.parseLong(v) / 1000.0);
            }
            if (k.equals("bench.work.micros")) {
                workMs.add(Long.parseLong(v) / 1000.0);
            }
        });
    }

    List<Double> waitsMs() {
        return List.copyOf(waitsMs);
    }

    /** Each test method's own time, without the callbacks around it. */
    List<Double> workMs() {
        return List.copyOf(workMs);
    }

    /** Each test's time from its start to its end, callbacks included. */
    List<Double> testsMs() {
        return List.copyOf(testsMs);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    double totalSeconds() {
        return (lastEnd - firstStart) / 1e9;
    }
}
