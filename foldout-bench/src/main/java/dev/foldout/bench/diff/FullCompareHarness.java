package dev.foldout.bench.diff;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.Locator;
import dev.foldout.TableDiff;
import dev.foldout.bench.HarnessArgs;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sets a full compare of one large table against its floor: the time PostgreSQL needs to read and hash both sides
 * ({@code select sum(hashtext(t::text)) from t} on the parent and the branch, at once), measured in the same run.
 * Two cases: 1% of the rows updated spread over every page (the locators find every block changed), and the same
 * update followed by {@code VACUUM FULL} (the branch's table is rewritten: no locator can narrow it). Each run times
 * the floor and then {@code Branch.writeDiff} (the SQL written to nowhere) and prints both with their ratio, the
 * rows found and the heap's peak. The table (by default about 730 MB) is made on first use in the database
 * {@code fullcompare} of the cluster under {@code --dir} and kept.
 *
 * <pre>java -Xmx512m -cp foldout-bench/target/benchmarks.jar dev.foldout.bench.diff.FullCompareHarness --dir /mnt/xfs/diffbench --runs 3</pre>
 * {@code --cases} picks some of {@code spread,rewrite}; {@code --mb} sets the table's size when it is made.
 */
public final class FullCompareHarness {
    private static final String DB = "fullcompare";
    private static final long ROWS_PER_MB = 7_400;

    private FullCompareHarness() {
    }

    /** Runs the measurement and prints its figures. */
    public static void main(String[] args) throws Exception {
        HarnessArgs a = HarnessArgs.parse(args, "a directory for the benchmark cluster", "runs", "3", "mb", "730",
                "cases", "spread,rewrite");
        int runs = a.number("runs");
        String cases = a.text("cases");
        Path dir = a.dir();
        DiffBenchServer.run(dir, DB, fld -> fill(fld, a.number("mb")), (pg, fld) -> {
            System.out.printf("PostgreSQL %s, %s on %s, %d cores, JDK %s: table t of %s%n", fld.server().version(),
                    pg.spec().dataDirectory(), Files.getFileStore(dir).type(), Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), size(fld));
            System.out.printf("%-34s %10s %10s %7s %12s %10s %12s%n", "case", "floor ms", "diff ms", "ratio", "JVM cpu ms", "rows",
                    "heap peak MB");
            for (String c : cases.split(",")) {
                measure(fld, c, runs);
            }
        });
    }

    private static void fill(Foldout fld, int mb) throws SQLException {
        long t0 = System.nanoTime();
        fld.createDatabase(DB);
        try (Connection c = fld.getDatabase(DB).open(); Statement st = c.createStatement()) {
            st.execute("create table t(id bigint primary key, a int not null, b text not null)");
            st.execute("insert into t select g, g % 1000, md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text) "
                    + "from generate_series(1, " + mb * ROWS_PER_MB + ") g");
            st.execute("vacuum analyze t");
            st.execute("checkpoint");
        }
        System.out.printf("filled in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String size(Foldout fld) throws SQLException {
        try (Connection c = fld.defaultDatabase().open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pg_size_pretty(pg_relation_size('t')), (select count(*) from t)")) {
            rs.next();
            return rs.getString(1) + ", " + rs.getLong(2) + " rows";
        }
    }

    private static void measure(Foldout fld, String name, int runs) throws SQLException {
        Branch b = fld.findBranch("fc_" + name).orElse(null);
        if (b != null) {
            b.delete(true);
        }
        b = fld.defaultDatabase().branch("fc_" + name, CopyOptions.DEFAULTS.withForce(true).withBase(false));
        try {
            switch (name) {
                case "spread" -> exec(b, "update t set a = a + 1 where id % 100 = 7");
                case "rewrite" -> exec(b, "update t set a = a + 1 where id % 100 = 7", "vacuum full t");
                default -> throw new IllegalArgumentException("unknown case " + name + "; the cases are spread,rewrite");
            }
            exec(b, "vacuum analyze t");
            floor(fld, b); // warms both sides' caches
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            for (int i = 0; i < runs; i++) {
                double floorMs = floor(fld, b);
                System.gc();
                long base = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
                heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                Diff d = b.writeDiff(Writer.nullWriter(), DiffFormat.SQL, new DiffOptions(Locator.AUTO, false));
                double diffMs = (System.nanoTime() - t0) / 1e6;
                double cpuMs = (processCpuNanos() - cpu0) / 1e6;
                long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                long rows = d.tables().stream().mapToLong(t -> t.inserts() + t.updates() + t.deletes()).sum();
                System.out.printf("%-34s %10.0f %10.0f %6.2fx %12.0f %10d %12.0f%n", name, floorMs, diffMs, diffMs / floorMs,
                        cpuMs, rows, Math.max(0, peak - base) / 1048576.0);
                if (i == runs - 1) {
                    System.out.println("    " + locators(d));
                }
            }
        } finally {
            b.delete(true);
        }
    }

    /** The CPU time this JVM has used, all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String locators(Diff d) {
        List<String> out = new ArrayList<>();
        for (TableDiff t : d.tables()) {
            if (t.hasChanges()) {
                out.add(String.valueOf(t.locator()));
            }
        }
        return String.join(",", out);
    }

    /** Milliseconds for {@code sum(hashtext(t::text))} on the parent and the branch at once. */
    private static double floor(Foldout fld, Branch b) {
        long t0 = System.nanoTime();
        CompletableFuture<Long> parent = CompletableFuture.supplyAsync(() -> hashSum(fld.defaultDatabase().open()));
        long branch = hashSum(b.open());
        long p = parent.join();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (p == branch) {
            throw new IllegalStateException("the parent and the branch hash alike: the case changed nothing");
        }
        return ms;
    }

    private static long hashSum(Connection c) {
        try (c; Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select sum(hashtext(t::text)) from t")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exec(Branch b, String... sql) throws SQLException {
        try (Connection c = b.open(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
