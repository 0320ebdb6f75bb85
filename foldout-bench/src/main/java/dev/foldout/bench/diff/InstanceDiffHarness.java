package dev.foldout.bench.diff;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.Locator;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResult;
import dev.foldout.TableDiff;
import dev.foldout.server.ServerSpec;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Times the diff of an instance branch (a whole cluster, by {@code reflink-cluster} or {@code zfs}) of a database
 * holding one table of about {@code --mb} MB, a few rows of which changed on the branch and one on the parent:
 * the page scan of both clusters against the full compare; then the branch's merge into the parent (dry runs, then
 * the merge itself, then one more row changed on the branch and merged from the base the first merge took: a server
 * started on the branch's base snapshot, the three sides located by the page scan). The cluster is made in
 * {@code --dir/cluster} (on XFS for reflink-cluster, on a ZFS dataset of its own for zfs) and removed at the end.
 *
 * <pre>java -cp foldout-bench/target/benchmarks.jar dev.foldout.bench.diff.InstanceDiffHarness --dir /mnt/foldout-xfs/idh --mb 100 --runs 10</pre>
 */
public final class InstanceDiffHarness {
    private static final String DB = "idiff";
    /** Rows per MB of {@code t(id bigint, a int, b text)} with a 96-character {@code b}. */
    private static final int ROWS_PER_MB = 7_400;

    private InstanceDiffHarness() {
    }

    /** Runs the measurement and prints its figures. */
    public static void main(String[] args) throws Exception {
        Path dir = null;
        int mb = 100;
        int runs = 10;
        String backend = "reflink-cluster";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--mb" -> mb = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--backend" -> backend = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --dir DIR [--mb 100] [--runs 10] [--backend reflink-cluster|zfs]");
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required: a directory on XFS (reflink-cluster) or ZFS (zfs)");
        }
        Files.createDirectories(dir);
        PostgresServer pg = PostgresServer.of(ServerSpec.builder(PostgresBinaries.fromClasspath(), dir.resolve("cluster"))
                .password("bench").setting("shared_buffers", "128MB").setting("fsync", "off").setting("autovacuum", "off")
                .build());
        try {
            pg.start();
            try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(pg.url("postgres")).build())) {
                fld.createDatabase(DB);
            }
            try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(pg.url(DB)).build())) {
                fill(fld, mb);
                long t0 = System.nanoTime();
                Branch b = fld.defaultDatabase().branch("idh", CopyOptions.DEFAULTS.withBackend(backend));
                System.out.printf("%s branch made in %.0f ms%n", backend, (System.nanoTime() - t0) / 1e6);
                exec(b.open(), "update t set a = a + 1 where id in (1, 150000, 300000, 450000, 600000)",
                        "delete from t where id = 200000", "insert into t values (100000000, 1, 'new')");
                exec(fld.defaultDatabase().open(), "update t set a = a + 1 where id = 700000");
                System.out.printf("%-40s %10s %10s %10s %8s  %s%n", "case", "first ms", "median ms", "max ms", "rows", "locator");
                time("page scan of both clusters", b, Locator.AUTO, runs);
                time("full compare", b, Locator.FULL_COMPARE, Math.max(3, runs / 3));
                System.out.printf("merge base kept at the branch: %s%n", b.info().base().map(m -> m.copy().describe())
                        .orElse("none"));
                merge(b, Math.max(3, runs / 3));
                b.delete(true);
            }
        } finally {
            pg.stop();
            new ProcessBuilder("rm", "-rf", dir.resolve("cluster").toString()).inheritIO().start().waitFor();
        }
    }

    private static void fill(Foldout fld, int mb) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = fld.defaultDatabase().open(); Statement st = c.createStatement()) {
            st.execute("create table t(id bigint primary key, a int not null, b text not null)");
            st.execute("insert into t select g, g % 1000, md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text) "
                    + "from generate_series(1, " + (long) mb * ROWS_PER_MB + ") g");
            st.execute("vacuum (freeze, analyze)");
            st.execute("checkpoint");
            try (ResultSet rs = st.executeQuery("select pg_size_pretty(pg_total_relation_size('t')), "
                    + "pg_size_pretty(pg_relation_size('t')), current_setting('server_version')")) {
                rs.next();
                System.out.printf("PostgreSQL %s: table t %s (heap %s), filled in %.0f s%n", rs.getString(3), rs.getString(1),
                        rs.getString(2), (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private static void exec(Connection connection, String... sql) throws SQLException {
        try (Connection c = connection; Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /**
     * Times dry-run merges (base server started, both diffs, rolled back), then the merge itself once, then a merge of
     * one more row from the base the merge took.
     */
    private static void merge(Branch b, int runs) {
        double[] ms = new double[runs];
        MergeResult result = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            result = b.merge(MergeOptions.DEFAULTS.withDryRun(true));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double first = ms[0];
        Arrays.sort(ms);
        System.out.printf("%-40s %10.1f %10.1f %10.1f %8d  %s%n", "merge, dry run", first, ms[runs / 2], ms[runs - 1],
                result.rowsChanged(), locators(result));
        long t0 = System.nanoTime();
        result = b.merge(MergeOptions.DEFAULTS);
        double real = (System.nanoTime() - t0) / 1e6;
        System.out.printf("%-40s %10.1f %10s %10s %8d  %s%n", "merge (new base, commit)", real, "", "", result.rowsChanged(),
                locators(result));
        try {
            exec(b.open(), "update t set a = a + 1 where id = 11");
        } catch (SQLException e) {
            throw new IllegalStateException("changing the branch: " + e.getMessage(), e);
        }
        t0 = System.nanoTime();
        result = b.merge(MergeOptions.DEFAULTS);
        real = (System.nanoTime() - t0) / 1e6;
        System.out.printf("%-40s %10.1f %10s %10s %8d  %s%n", "merge again (base taken at a merge)", real, "", "",
                result.rowsChanged(), locators(result));
    }

    /** The locators of a merge's two diffs, as {@code branch: pagescan; parent: pagescan}. */
    private static String locators(MergeResult r) {
        return "branch: " + r.tables().stream().map(TableDiff::locator).distinct().toList() + "; parent: "
                + r.drift().stream().map(TableDiff::locator).distinct().toList();
    }

    private static void time(String label, Branch b, Locator locator, int runs) {
        DiffOptions options = new DiffOptions(locator, false);
        long f0 = System.nanoTime();
        Diff d = b.diff(options);
        double first = (System.nanoTime() - f0) / 1e6;
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            d = b.diff(options);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        TableDiff t = d.tables().get(0);
        System.out.printf("%-40s %10.1f %10.1f %10.1f %8d  %s%n", label, first, ms[runs / 2], ms[runs - 1],
                t.inserts() + t.updates() + t.deletes(), t.locator());
    }
}
