package dev.foldout.bench.spring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The figures of one run of the test class by one tool on one seed: times in milliseconds. {@code total} runs from
 * the first test's start to the last one's end (the first test includes the context's start and the seed's build when
 * the context starts inside it); {@code rest} from the first test's end to the last one's end. A test's wait is its
 * span from start to end less its body: what its tool (and Spring's listeners) cost it around the body.
 *
 * @param tool          {@code foldout} or {@code zonky}
 * @param seed          {@code 10mb} or {@code 1gb}
 * @param tests         how many tests passed
 * @param failures      how many tests or containers failed
 * @param seedMb        the first test's database size, in MB
 * @param wholeMs       from the test class's start to the last test's end (context, server and seed included)
 * @param totalMs       from the first test's start to the last test's end
 * @param firstMs       the first test's span
 * @param restMs        from the first test's end to the last test's end
 * @param overheadMs    (total - sum of bodies) / tests
 * @param restOverheadMs (rest - sum of bodies but the first) / (tests - 1)
 * @param medianWaitMs  median of each test's span less its body
 * @param p95WaitMs     95th percentile of the same
 * @param medianBeforeMs median time from a test's start to its body's (the tools hand the database over here)
 * @param medianAfterMs median time from a body's end to its test's end (here they take it back)
 * @param medianBodyMs  median body time
 */
record RunFigures(String tool, String seed, int tests, int failures, long seedMb, double wholeMs, double totalMs,
                  double firstMs, double restMs, double overheadMs, double restOverheadMs, double medianWaitMs,
                  double p95WaitMs, double medianBeforeMs, double medianAfterMs, double medianBodyMs) {
    /** What a child run prints before its figures, for the harness to find them. */
    static final String PREFIX = "FIGURES ";

    /** The figures of {@code timed} (passed tests in order), the test class having started at {@code classStart}. */
    static RunFigures of(String tool, String seed, List<TimingListener.Timed> timed, int failures, long classStart,
                         long seedBytes) {
        if (timed.isEmpty()) {
            return new RunFigures(tool, seed, 0, failures, seedBytes >> 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        TimingListener.Timed first = timed.get(0);
        TimingListener.Timed last = timed.get(timed.size() - 1);
        long bodies = timed.stream().mapToLong(TimingListener.Timed::bodyNanos).sum();
        List<Long> waits = sorted(timed, TimingListener.Timed::waitNanos);
        List<Long> bodyTimes = sorted(timed, TimingListener.Timed::bodyNanos);
        List<Long> before = sorted(timed, t -> t.bodyStart() - t.start());
        List<Long> after = sorted(timed, t -> t.end() - t.bodyEnd());
        double total = ms(last.end() - first.start());
        double rest = ms(last.end() - first.end());
        int n = timed.size();
        return new RunFigures(tool, seed, n, failures, seedBytes >> 20, ms(last.end() - classStart), total,
                ms(first.end() - first.start()), rest, (total - ms(bodies)) / n,
                n > 1 ? (rest - ms(bodies - first.bodyNanos())) / (n - 1) : 0,
                ms(waits.get(n / 2)), ms(waits.get((int) Math.ceil(n * 0.95) - 1)), ms(before.get(n / 2)),
                ms(after.get(n / 2)), ms(bodyTimes.get(n / 2)));
    }

    private static List<Long> sorted(List<TimingListener.Timed> timed, ToLongFunction<TimingListener.Timed> f) {
        List<Long> values = new ArrayList<>();
        timed.forEach(t -> values.add(f.applyAsLong(t)));
        Collections.sort(values);
        return values;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** One line: {@link #PREFIX} and {@code name=value} pairs, read back by {@link #parse}. */
    String line() {
        return PREFIX + String.format(Locale.ROOT, "tool=%s seed=%s tests=%d failures=%d seedMb=%d wholeMs=%.1f "
                + "totalMs=%.1f firstMs=%.1f restMs=%.1f overheadMs=%.3f restOverheadMs=%.3f medianWaitMs=%.3f "
                + "p95WaitMs=%.3f medianBeforeMs=%.3f medianAfterMs=%.3f medianBodyMs=%.3f", tool, seed, tests, failures, seedMb,
                wholeMs, totalMs, firstMs, restMs, overheadMs, restOverheadMs, medianWaitMs, p95WaitMs, medianBeforeMs,
                medianAfterMs, medianBodyMs);
    }

    /** The figures of a line {@link #line} wrote. */
    static RunFigures parse(String line) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String pair : line.substring(PREFIX.length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            v.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new RunFigures(v.get("tool"), v.get("seed"), Integer.parseInt(v.get("tests")),
                Integer.parseInt(v.get("failures")), Long.parseLong(v.get("seedMb")), d(v, "wholeMs"), d(v, "totalMs"),
                d(v, "firstMs"), d(v, "restMs"), d(v, "overheadMs"), d(v, "restOverheadMs"), d(v, "medianWaitMs"),
                d(v, "p95WaitMs"), d(v, "medianBeforeMs"), d(v, "medianAfterMs"), d(v, "medianBodyMs"));
    }

    private static double d(Map<String, String> v, String name) {
        return Double.parseDouble(v.get(name));
    }
}
