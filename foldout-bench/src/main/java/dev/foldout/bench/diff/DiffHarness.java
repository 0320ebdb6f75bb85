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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times {@code Branch.diff()} in-process and warm on a database of several GB: no change, a handful of rows
 * changed in the largest table (through the WAL summaries and through the page scan), and 1% of that table
 * changed (one contiguous range, and spread over every page). Prints medians, 95th percentiles and the heap peak
 * of each case. The cluster is made under {@code --dir} on first use and kept for the next run.
 *
 * <pre>java -Xmx512m -cp foldout-bench/target/benchmarks.jar dev.foldout.bench.diff.DiffHarness --dir /mnt/xfs/diffbench --gb 5 --runs 30</pre>
 * {@code --cases} picks some of {@code nochange,rows,range,spread} (all by default).
 */
public final class DiffHarness {
    private static final String DB = "diffbench";
    private static final int TABLES = 5;
    private static final int SMALL_TABLES = 45;

    private DiffHarness() {
    }

    /** Runs the measurement and prints its figures. */
    public static void main(String[] args) throws Exception {
        HarnessArgs a = HarnessArgs.parse(args, "a directory for the benchmark cluster (on XFS for clone)",
                "gb", "5", "runs", "30", "cases", "nochange,rows,range,spread");
        DiffBenchServer.run(a.dir(), DB, fld -> fill(fld, a.number("gb")), (pg, fld) -> {
            System.out.printf("PostgreSQL %s, %s on %s, database %s: %s%n", fld.server().version(),
                    pg.spec().dataDirectory(), Files.getFileStore(a.dir()).type(), DB, size(fld));
            measure(fld, a.number("runs"), List.of(a.text("cases").split(",")));
        });
    }

    private static void fill(Foldout fld, int gb) throws SQLException {
        long t0 = System.nanoTime();
        fld.createDatabase(DB);
        long rowsPerGb = 7_400_000L;
        try (Connection c = fld.getDatabase(DB).open(); Statement st = c.createStatement()) {
            for (int t = 0; t < TABLES; t++) {
                long rows = t == 0 ? rowsPerGb * 12 / 10 : rowsPerGb * (gb * 10L - 12) / 10 / (TABLES - 1);
                st.execute("create table big" + t + "(id bigint primary key, a int not null, b text not null)");
                st.execute("insert into big" + t + " select g, g % 1000, md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text) "
                        + "from generate_series(1, " + rows + ") g");
                System.out.printf("big%d: %d rows (%.0f s)%n", t, rows, (System.nanoTime() - t0) / 1e9);
            }
            for (int t = 0; t < SMALL_TABLES; t++) {
                st.execute("create table small" + t + "(id int primary key, v text, at timestamptz default now())");
                st.execute("insert into small" + t + "(id, v) select g, 'v' || g from generate_series(1, 1000) g");
            }
            st.execute("vacuum analyze");
            st.execute("checkpoint");
        }
        System.out.printf("filled in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static String size(Foldout fld) throws SQLException {
        try (Connection c = fld.defaultDatabase().open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pg_size_pretty(pg_database_size(current_database())), "
                     + "pg_size_pretty(pg_total_relation_size('big0')), (select count(*) from pg_class where relkind = 'r' "
                     + "and relnamespace = 'public'::regnamespace)")) {
            rs.next();
            return rs.getString(1) + " in " + rs.getString(3) + " tables, the largest (big0) " + rs.getString(2);
        }
    }

    private static void measure(Foldout fld, int runs, List<String> cases) throws SQLException {
        System.out.printf("%-48s %10s %10s %10s %10s %12s%n", "case", "first ms", "median ms", "p95 ms", "rows", "heap peak MB");
        if (cases.contains("nochange") || cases.contains("rows")) {
            Branch b = fresh(fld, "diffbench_b");
            if (cases.contains("nochange")) {
                time("no change, wal-summaries", b, Locator.WAL_SUMMARIES, runs, true);
                time("no change, pagescan", b, Locator.PAGESCAN, runs, true);
            }
            if (cases.contains("rows")) {
                exec(b, "update big0 set a = -a where id in (1, 1500000, 3000000, 4500000, 8000000)",
                        "delete from big0 where id = 2000000", "insert into big0 values (100000000, 1, 'new')");
                time("7 rows changed in big0, wal-summaries", b, Locator.WAL_SUMMARIES, runs, true);
                time("7 rows changed in big0, pagescan", b, Locator.PAGESCAN, runs, true);
            }
            b.delete(true);
        }
        if (cases.contains("range")) {
            Branch range = fresh(fld, "diffbench_range");
            exec(range, "update big0 set a = a + 1 where id between 4000001 and 4088800");
            time("1% of big0 (one range, 88,800 rows), auto", range, Locator.AUTO, Math.max(3, runs / 6), false);
            time("1% of big0 (one range), auto, rows kept", range, Locator.AUTO, 3, true);
            range.delete(true);
        }
        if (cases.contains("spread")) {
            Branch spread = fresh(fld, "diffbench_spread");
            exec(spread, "update big0 set a = a + 1 where id % 100 = 7");
            time("1% of big0 (every 100th row: every page), auto", spread, Locator.AUTO, 3, false);
            spread.delete(true);
        }
    }

    private static Branch fresh(Foldout fld, String name) {
        fld.findBranch(name).ifPresent(b -> b.delete(true));
        return fld.defaultDatabase().branch(name, CopyOptions.DEFAULTS.withForce(true));
    }

    private static void exec(Branch b, String... sql) throws SQLException {
        try (Connection c = b.open(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static void time(String label, Branch b, Locator locator, int runs, boolean keepRows) {
        DiffOptions options = new DiffOptions(locator, keepRows);
        Appendable sink = new Appendable() {
            @Override
            public Appendable append(CharSequence csq) {
                return this;
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) {
                return this;
            }

            @Override
            public Appendable append(char c) {
                return this;
            }
        };
        long f0 = System.nanoTime();
        diff(b, options, sink, keepRows); // the first diff after the change: nothing of this branch and locator known yet
        double first = (System.nanoTime() - f0) / 1e6;
        diff(b, options, sink, keepRows);
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long base = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        double[] ms = new double[runs];
        long rows = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Diff d = diff(b, options, sink, keepRows);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            rows = d.tables().stream().mapToLong(t -> t.inserts() + t.updates() + t.deletes()).sum();
        }
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Arrays.sort(ms);
        System.out.printf("%-48s %10.1f %10.1f %10.1f %10d %12.0f%n", label, first, ms[runs / 2], ms[Math.min(runs - 1, (int) Math.ceil(runs * 0.95) - 1)],
                rows, Math.max(0, peak - base) / 1048576.0);
        List<String> locators = new ArrayList<>();
        for (TableDiff t : diff(b, options, sink, keepRows).tables()) {
            if (t.hasChanges()) {
                locators.add(t.name() + ": " + t.locator());
            }
        }
        if (!locators.isEmpty()) {
            System.out.println("    " + String.join(", ", locators));
        }
    }

    private static Diff diff(Branch b, DiffOptions options, Appendable sink, boolean keepRows) {
        return keepRows ? b.diff(options) : b.writeDiff(sink, DiffFormat.SQL, options);
    }
}
