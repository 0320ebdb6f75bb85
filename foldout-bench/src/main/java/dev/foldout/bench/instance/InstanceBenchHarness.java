package dev.foldout.bench.instance;

import dev.foldout.BackendStatus;
import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.ProgressListener;
import dev.foldout.spi.Processes;
import dev.foldout.zfs.internal.Zfs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Branch time against cluster size, for every backend: one cluster on XFS (reflink=1) for {@code template}
 * (PostgreSQL 18 clone), {@code reflink} and {@code reflink-cluster}, one on a ZFS dataset for {@code zfs}; both grown
 * to each size in turn. For instance backends it also times {@code stop}, then {@code start} until the first
 * query answers. A backend that cannot run here is listed with the reason. {@code --steps} prints each step's time;
 * {@code --backends reflink} measures only those (e.g. the {@code reflink} backend with PostgreSQL 17 binaries:
 * build with {@code -Dpg.version=17.7.0}).
 *
 * <pre>java -cp foldout-bench/target/benchmarks.jar dev.foldout.bench.instance.InstanceBenchHarness \
 *     --xfs /mnt/foldout-xfs/bench --zfs-pool foldout-test --sizes-mb 1024,2048,4096 --runs 3</pre>
 */
public final class InstanceBenchHarness {
    private static final List<String> BACKENDS = List.of("template", "reflink", "reflink-cluster", "zfs");

    private InstanceBenchHarness() {
    }

    /** Runs the measurement and prints a table. */
    public static void main(String[] args) throws Exception {
        Path xfs = null;
        String pool = null;
        List<Long> sizes = List.of(1024L, 2048L, 4096L);
        int runs = 3;
        boolean steps = false;
        List<String> backends = BACKENDS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--xfs" -> xfs = Path.of(args[++i]);
                case "--zfs-pool" -> pool = args[++i];
                case "--sizes-mb" -> sizes = java.util.Arrays.stream(args[++i].split(",")).map(Long::parseLong).toList();
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--steps" -> steps = true;
                case "--backends" -> backends = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --xfs DIR --zfs-pool POOL [--sizes-mb 1024,2048,4096] [--runs 3] [--backends a,b] [--steps]");
            }
        }
        if (xfs == null || pool == null) {
            throw new IllegalArgumentException("--xfs DIR (on XFS with reflink=1) and --zfs-pool POOL are required");
        }
        String dataset = pool + "/bench-" + ProcessHandle.current().pid();
        run("zfs", "create", dataset);
        List<String> rows = new ArrayList<>();
        try (BenchCluster onXfs = BenchCluster.start(xfs.resolve("cluster"));
             BenchCluster onZfs = BenchCluster.start(Path.of(run("zfs", "get", "-H", "-o", "value", "mountpoint", dataset).strip()))) {
            boolean zfs = backends.contains("zfs");
            boolean xfsNeeded = backends.stream().anyMatch(b -> !b.equals("zfs"));
            for (long mb : sizes) {
                long xfsBytes = xfsNeeded ? onXfs.growTo(mb) : 0;
                long zfsBytes = zfs ? onZfs.growTo(mb) : 0;
                for (String backend : backends) {
                    BenchCluster c = backend.equals("zfs") ? onZfs : onXfs;
                    long bytes = backend.equals("zfs") ? zfsBytes : xfsBytes;
                    rows.add(measure(c, backend, bytes, runs, steps));
                    System.out.println(rows.get(rows.size() - 1));
                }
            }
            System.out.println();
            System.out.println("| backend | database size | branch, whole call (median, min-max) | copy itself (median) | start to first query (median) | path |");
            System.out.println("|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
        } finally {
            Zfs.destroy(dataset, true);
            run("rm", "-rf", xfs.resolve("cluster").toString());
        }
    }

    private static String measure(BenchCluster c, String backend, long bytes, int runs, boolean steps) throws SQLException {
        long[] last = {System.nanoTime()};
        ProgressListener progress = !steps ? ProgressListener.NONE : step -> {
            long now = System.nanoTime();
            System.out.printf("  +%5d ms  %s%n", (now - last[0]) / 1_000_000, step);
            last[0] = now;
        };
        try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(c.url(BenchCluster.DATABASE)).progress(progress).build())) {
            Optional<BackendStatus> status = statuses(fld).stream().filter(s -> s.name().equals(backend)).findFirst();
            if (status.isEmpty() || !status.get().available()) {
                return row(backend, bytes, "not available here: " + status.map(BackendStatus::reason).orElse("not on the class path"));
            }
            List<Double> whole = new ArrayList<>();
            List<Double> copy = new ArrayList<>();
            List<Double> firstQuery = new ArrayList<>();
            String path = "";
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                Branch b = fld.defaultDatabase().branch("bench_" + backend.replace('-', '_') + "_" + i,
                        CopyOptions.DEFAULTS.withBackend(backend));
                whole.add((System.nanoTime() - t0) / 1e6);
                copy.add(b.info().copy().elapsed().toNanos() / 1e6);
                path = b.info().copy().describe();
                if (b.instance().isPresent()) {
                    b.stop();
                    long t1 = System.nanoTime();
                    b.start();
                    try (Connection bc = b.open(); Statement st = bc.createStatement(); ResultSet rs = st.executeQuery("select count(*) from small")) {
                        rs.next();
                    }
                    firstQuery.add((System.nanoTime() - t1) / 1e6);
                }
                b.delete(true);
            }
            return row(backend, bytes, stats(whole) + " | " + median(copy) + " | "
                    + (firstQuery.isEmpty() ? "-" : median(firstQuery)) + " | " + path.replace('|', '/'));
        }
    }

    private static List<BackendStatus> statuses(Foldout fld) {
        List<BackendStatus> all = new ArrayList<>(fld.backends());
        all.addAll(fld.instanceBackends());
        return all;
    }

    private static String row(String backend, long bytes, String rest) {
        return String.format("| %s | %.2f GB | %s |", backend, bytes / 1e9, rest);
    }

    private static String stats(List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format("%.0f ms (%.0f-%.0f, %d runs)", s.get(s.size() / 2), s.get(0), s.get(s.size() - 1), s.size());
    }

    private static String median(List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format("%.0f ms", s.get(s.size() / 2));
    }

    private static String run(String... command) {
        Processes.Result r = Processes.run(List.of(command), Map.of(), null, 600);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + r.output());
        }
        return r.output();
    }
}
