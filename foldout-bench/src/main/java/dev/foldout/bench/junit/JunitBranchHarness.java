package dev.foldout.bench.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.foldout.Branch;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.server.ServerSpec;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs {@code --tests} JUnit tests of about {@code --work-ms} each on a seed of {@code --seed-mb}, first with
 * foldout-junit5 (a branch per test from a pool of {@code --pool}), then in a transaction rolled back after each test
 * on the seed itself (the bar: no copy at all), then with {@code CREATE DATABASE ... TEMPLATE ... STRATEGY WAL_LOG}
 * per test, and prints each test's wait for its database (median, p95, max) and the run's
 * total time. The cluster is a fresh one whose data directory is under {@code --dir}: put it on XFS (reflink=1)
 * or btrfs so that PostgreSQL 18 clones the files.
 *
 * <pre>java -cp foldout-bench/target/benchmarks.jar dev.foldout.bench.junit.JunitBranchHarness --dir $FOLDOUT_TEST_XFS/junit-bench --seed-mb 10</pre>
 */
public final class JunitBranchHarness {
    private JunitBranchHarness() {
    }

    /** Runs the measurement and prints its figures. */
    public static void main(String[] args) throws Exception {
        Path dir = null;
        int seedMb = 10;
        String fsync = "on";
        boolean baseline = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--seed-mb" -> seedMb = Integer.parseInt(args[++i]);
                case "--tests" -> System.setProperty("bench.tests", args[++i]);
                case "--work-ms" -> System.setProperty("bench.work.ms", args[++i]);
                case "--pool" -> System.setProperty("bench.pool", args[++i]);
                case "--fsync" -> fsync = args[++i];
                case "--no-baseline" -> baseline = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --dir DIR [--seed-mb 10] [--tests 200] [--work-ms 50] [--pool 4] [--fsync on|off] [--no-baseline]");
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required: a directory for the benchmark cluster (on XFS for clone)");
        }
        System.setProperty("bench.seed.mb", Integer.toString(seedMb));
        Files.createDirectories(dir);
        PostgresBinaries binaries = PostgresBinaries.fromClasspath();
        PostgresServer pg = PostgresServer.of(ServerSpec.builder(binaries, dir.resolve("cluster"))
                .password("bench").setting("shared_buffers", "256MB").setting("max_wal_size", "4GB")
                .setting("fsync", fsync).build());
        try {
            pg.start();
            System.setProperty("foldout.junit.url", pg.url("postgres").jdbcUrlWithCredentials());
            System.out.printf("PostgreSQL %s, data directory %s (%s), fsync %s; %s tests of %s ms, seed %d MB, pool %s%n",
                    binaries.version(), pg.spec().dataDirectory(), Files.getFileStore(dir).type(), fsync,
                    Integer.getInteger("bench.tests", 200), Integer.getInteger("bench.work.ms", 50), seedMb,
                    Integer.getInteger("bench.pool", 4));
            long t0 = System.nanoTime();
            report("foldout-junit5, first run: builds the seed", run(ExtensionWorkload.class));
            WaitListener foldout = run(ExtensionWorkload.class);
            report("foldout-junit5, next run: the seed is kept", foldout);
            try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(pg.url("postgres")).build())) {
                String seed = fld.databases().stream().map(d -> d.name()).filter(n -> n.startsWith("fld_seed_"))
                        .findFirst().orElseThrow();
                Branch probe = fld.getDatabase(seed).branch("bench_probe");
                System.out.printf("  seed %s: %d MB; one branch of it: %s%n", seed,
                        fld.getDatabase(seed).info().sizeBytes() >> 20, probe.info().copy().describe());
                probe.delete(true);
                System.setProperty("bench.template", seed);
            }
            WaitListener rollback = run(RollbackWorkload.class);
            report("rolled-back transaction per test on the seed", rollback);
            if (!foldout.waitsMs().isEmpty() && !rollback.waitsMs().isEmpty()) {
                System.out.printf("  foldout-junit5 costs %.2f ms more per test than the rolled-back transaction%n",
                        (foldout.totalSeconds() - rollback.totalSeconds()) * 1000 / foldout.waitsMs().size());
            }
            if (baseline) {
                report("CREATE DATABASE ... STRATEGY WAL_LOG per test", run(TemplateWorkload.class));
            }
            System.out.printf("(whole harness %.1f s, seed build included)%n", (System.nanoTime() - t0) / 1e9);
        } finally {
            pg.destroy();
        }
    }

    private static WaitListener run(Class<?> workload) {
        Launcher launcher = LauncherFactory.create();
        WaitListener listener = new WaitListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(workload)).build(), listener);
        return listener;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0.0 : sorted.get(sorted.size() / 2);
    }

    private static void report(String what, WaitListener l) {
        List<Double> w = new ArrayList<>(l.waitsMs());
        Collections.sort(w);
        if (w.isEmpty()) {
            System.out.printf("%s: no test ran: %s%n", what, l.failures());
            return;
        }
        System.out.printf("%s: %d tests, wait per test median %.2f ms, p95 %.2f ms, max %.2f ms; median test method "
                + "%.2f ms, with its callbacks %.2f ms; total %.2f s%s%n", what, w.size(), w.get(w.size() / 2),
                w.get((int) Math.ceil(w.size() * 0.95) - 1), w.get(w.size() - 1), median(l.workMs()), median(l.testsMs()),
                l.totalSeconds(), l.failures().isEmpty() ? "" : "; FAILURES: " + l.failures());
    }
}
