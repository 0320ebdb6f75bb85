package dev.foldout.bench.spring;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import dev.foldout.server.ServerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One measured run, in a JVM of its own (started by {@link SideBySideHarness}): launches {@link NotesWorkload}'s
 * subclass for {@code --tool} through the JUnit Platform launcher on the {@code --seed} seed, then prints the server
 * the tests saw and a {@link RunFigures} line.
 *
 * <p>Both tools' servers run the same settings, those zonky's embedded PostgreSQL starts with ({@link #ZONKY_SETTINGS}:
 * fsync off, synchronous_commit off, 300 connections, UTC), plus any {@code --settings}. For foldout the run starts
 * such a cluster under {@code --dir} ({@code --foldout-server own}, with Foldout's embedded cluster's two settings
 * added) and names it in {@code foldout.junit.url}; {@code --foldout-server embedded} leaves foldout-spring on
 * Foldout's embedded cluster under {@code $FOLDOUT_HOME}, with its own settings.
 */
public final class WorkloadRun {
    /** What zonky's embedded PostgreSQL sets (its builder's defaults and {@code pg_ctl -o -F}). */
    static final Map<String, String> ZONKY_SETTINGS = Map.of("fsync", "off", "synchronous_commit", "off",
            "max_connections", "300", "timezone", "UTC");

    private WorkloadRun() {
    }

    /** Runs the test class once and prints its figures; exits 1 when a test failed. */
    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("tool", "");
        defaults.put("seed", "10mb");
        defaults.put("tests", "200");
        defaults.put("work-ms", "0");
        defaults.put("dir", "");
        defaults.put("foldout-server", "own");
        defaults.put("settings", "");
        Options o = Options.parse(args, defaults);
        String tool = o.text("tool");
        if (!List.of("foldout", "zonky").contains(tool)) {
            throw new IllegalArgumentException("--tool must be foldout or zonky, was " + tool);
        }
        if (!List.of("own", "embedded").contains(o.text("foldout-server"))) {
            throw new IllegalArgumentException("--foldout-server must be own or embedded, was " + o.text("foldout-server"));
        }
        System.setProperty("bench.seed", o.text("seed"));
        System.setProperty("bench.tests", Integer.toString(o.number("tests")));
        System.setProperty("bench.work.ms", Integer.toString(o.number("work-ms")));
        Map<String, String> extra = new LinkedHashMap<>();
        for (String kv : o.list("settings")) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--settings takes name=value pairs separated by commas, not '" + kv + "'");
            }
            extra.put(kv.substring(0, eq), kv.substring(eq + 1));
        }

        if (tool.equals("foldout") && o.text("foldout-server").equals("own")) {
            PostgresServer own = startOwnServer(Path.of(o.text("dir")).resolve("foldout-cluster"), extra);
            System.setProperty("foldout.junit.url", own.url("postgres").jdbcUrlWithCredentials());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> destroyAfterRuns(own), "bench-server-stop"));
        } else if (tool.equals("zonky")) {
            extra.forEach((k, v) -> System.setProperty("zonky.test.database.postgres.server.properties." + k, v));
        }
        Class<?> workload = tool.equals("foldout") ? FoldoutWorkload.class : ZonkyWorkload.class;
        TimingListener timing = new TimingListener();
        LauncherFactory.create().execute(
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(workload)).build(), timing);
        report(tool, o.text("seed"), timing);
        System.out.flush();
        // at once: zonky's prefetching threads would keep the JVM a minute longer
        System.exit(timing.failures().isEmpty() ? 0 : 1);
    }

    /**
     * Stops and deletes the cluster once foldout-junit5's own shutdown hook (which drops the test branches on it) is
     * done, so that it does not find the server gone.
     */
    private static void destroyAfterRuns(PostgresServer server) {
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("foldout-junit5-runs"))
                .forEach(t -> {
                    try {
                        t.join(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        server.destroy();
    }

    private static PostgresServer startOwnServer(Path dir, Map<String, String> extra) throws java.io.IOException {
        Files.createDirectories(dir.getParent());
        PostgresBinaries binaries = PostgresBinaries.fromClasspath();
        ServerSpec.Builder spec = ServerSpec.builder(binaries, dir).password("bench");
        ZONKY_SETTINGS.forEach(spec::setting);
        if (binaries.majorVersion() >= 18) {
            spec.setting("file_copy_method", "clone"); // as Foldout's embedded cluster
        }
        if (binaries.majorVersion() >= 17) {
            spec.setting("summarize_wal", "on");
        }
        extra.forEach(spec::setting);
        return PostgresServer.of(spec.build()).start();
    }

    private static void report(String tool, String seed, TimingListener timing) {
        String[] facts = timing.server().split("\\|");
        long seedBytes = facts.length == 4 ? Long.parseLong(facts[3]) : 0;
        if (facts.length == 4) {
            System.out.printf("%s: %s; data directory %s (%s); %s; the first test's database %d MB%n", tool,
                    facts[0].replaceFirst(" on x86_64.*", ""), facts[1], fileSystem(facts[1]), facts[2], seedBytes >> 20);
        }
        timing.failures().stream().limit(5).forEach(f -> System.out.println("FAILED " + f));
        RunFigures f = RunFigures.of(tool, seed, timing.tests(), timing.failures().size(), timing.classStart(), seedBytes);
        System.out.printf("%s, %s seed: %d tests; class start to last test %.1f s; first test %.1f s; tests 1 to %d in "
                + "%.2f s (after the first: %.2f s); per test beyond the bodies %.2f ms (after the first: %.2f ms); wait "
                + "per test median %.2f ms (before the body %.2f, after it %.2f), p95 %.2f ms; body median %.2f ms%n", tool, seed, f.tests(), f.wholeMs() / 1000,
                f.firstMs() / 1000, f.tests(), f.totalMs() / 1000, f.restMs() / 1000, f.overheadMs(), f.restOverheadMs(),
                f.medianWaitMs(), f.medianBeforeMs(), f.medianAfterMs(), f.p95WaitMs(), f.medianBodyMs());
        System.out.println(f.line());
    }

    private static String fileSystem(String dir) {
        try {
            return Files.getFileStore(Path.of(dir)).type();
        } catch (java.io.IOException | RuntimeException e) {
            return "file system unknown";
        }
    }
}
