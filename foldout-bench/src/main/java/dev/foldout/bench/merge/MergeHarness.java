package dev.foldout.bench.merge;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResult;
import dev.foldout.bench.HarnessArgs;
import dev.foldout.bench.diff.DiffBenchServer;
import dev.foldout.server.PostgresServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Times {@code Branch.merge} in-process on the database {@code DiffHarness} builds (run it first with the same
 * {@code --dir}): a parent is branched from it (so the benchmark database itself never changes), a feature branch
 * with a merge base from the parent, then both sides change - a handful of rows of the largest table each, or 1% of
 * it each (one range per side) - and the merge is timed: warm dry runs (the whole plan: both sides' changes located,
 * rows read by key, three-way decisions, applied to the parent and rolled back), then the real merge once (which also
 * copies the new base and commits). Prints the first, median and 95th-percentile milliseconds and the heap's peak.
 *
 * <pre>java -Xmx512m -cp foldout-bench/target/benchmarks.jar dev.foldout.bench.merge.MergeHarness --dir /mnt/xfs/diffbench --runs 20</pre>
 * {@code --cases} picks some of {@code rows,percent} (both by default).
 */
public final class MergeHarness {
    private static final String DB = "diffbench";

    private MergeHarness() {
    }

    /** Runs the measurement and prints its figures. */
    public static void main(String[] args) throws Exception {
        HarnessArgs a = HarnessArgs.parse(args, "the directory DiffHarness filled (it holds cluster/)", "runs", "20",
                "cases", "rows,percent");
        int runs = a.number("runs");
        String cases = a.text("cases");
        Path dir = a.dir();
        DiffBenchServer.run(dir, DB, null, (pg, fld) -> {
            System.out.printf("PostgreSQL %s, %s on %s%n", fld.server().version(), pg.spec().dataDirectory(),
                    Files.getFileStore(dir).type());
            System.out.printf("%-58s %9s %10s %8s %8s %12s%n", "case", "first ms", "median ms", "p95 ms", "rows",
                    "heap peak MB");
            if (cases.contains("rows")) {
                measure(fld, pg, runs, "7 rows of big0 on each side",
                    "update big0 set a = -a where id in (1, 1500000, 3000000, 4500000, 8000000);"
                            + "delete from big0 where id = 2000000; insert into big0 values (100000001, 1, 'parent')",
                    "update big0 set a = a + 7 where id in (11, 1500011, 3000011, 4500011, 8000011);"
                            + "delete from big0 where id = 2000011; insert into big0 values (100000002, 2, 'branch')");
            }
            if (cases.contains("percent")) {
                measure(fld, pg, Math.max(3, runs / 5), "1% of big0 on each side (a range each, 88,800 rows)",
                    "update big0 set a = a + 1 where id between 1000001 and 1088800",
                    "update big0 set a = a + 2 where id between 5000001 and 5088800");
            }
        });
    }

    private static void measure(Foldout fld, PostgresServer pg, int runs, String label, String onParent, String onBranch)
            throws SQLException {
        for (String name : List.of("mergebench_feature", "mergebench_parent")) {
            fld.findBranch(name).ifPresent(b -> b.delete(true));
        }
        Branch parent = fld.defaultDatabase().branch("mergebench_parent", CopyOptions.DEFAULTS.withForce(true).withBase(false));
        try (Foldout onIt = Foldout.connect(FoldoutConfig.builder().url(pg.url(parent.name())).build())) {
            Branch feature = onIt.defaultDatabase().branch("mergebench_feature", CopyOptions.DEFAULTS.withForce(true));
            System.out.printf("    branch with base: %s; base: %s%n", feature.info().copy().describe(),
                    feature.info().base().orElseThrow().copy().describe());
            exec(onIt.defaultDatabase().open(), onParent);
            exec(feature.open(), onBranch);
            MergeOptions dry = MergeOptions.DEFAULTS.withDryRun(true);
            long f0 = System.nanoTime();
            MergeResult first = feature.merge(dry);
            double firstMs = (System.nanoTime() - f0) / 1e6;
            feature.merge(dry);
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                feature.merge(dry);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            Arrays.sort(ms);
            System.out.printf("%-58s %9.1f %10.1f %8.1f %8d %12.0f%n", label + ", dry run", firstMs, ms[runs / 2],
                    ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)], first.rowsChanged(),
                    Math.max(0, peak - before) / 1048576.0);
            long m0 = System.nanoTime();
            MergeResult real = feature.merge();
            System.out.printf("%-58s %9.1f %10s %8s %8d%n", label + ", the merge (new base, commit)",
                    (System.nanoTime() - m0) / 1e6, "", "", real.rowsChanged());
            System.out.printf("    drift kept: %s; locators: %s%n", real.drift().stream().mapToLong(t -> t.inserts() + t.updates()
                    + t.deletes()).sum() + " rows", real.tables().stream().map(t -> t.name() + " " + t.locator()).toList());
            feature.delete(true);
        }
        parent.delete(true);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (c; Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
