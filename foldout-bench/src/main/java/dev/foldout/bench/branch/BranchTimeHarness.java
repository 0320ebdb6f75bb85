package dev.foldout.bench.branch;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.server.ServerSpec;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures {@code Database.branch} of the template backend on a database of a given size, in a fresh cluster
 * whose data directory is under {@code --dir} (put it on XFS with reflink=1 to see clone), and compares it
 * with plain {@code CREATE DATABASE} by file copy and by WAL_LOG on the same data.
 *
 * <pre>java -cp foldout-bench/target/benchmarks.jar dev.foldout.bench.branch.BranchTimeHarness --dir /mnt/xfs/bench --size-mb 600 --runs 5</pre>
 */
public final class BranchTimeHarness {
    private BranchTimeHarness() {
    }

    /** Runs the measurement and prints its figures. */
    public static void main(String[] args) throws Exception {
        Path dir = null;
        int sizeMb = 600;
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--size-mb" -> sizeMb = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --dir DIR [--size-mb 600] [--runs 5]");
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required: a directory for the benchmark cluster (on XFS for clone)");
        }
        Files.createDirectories(dir);
        PostgresBinaries binaries = PostgresBinaries.fromClasspath();
        PostgresServer pg = PostgresServer.of(ServerSpec.builder(binaries, dir.resolve("cluster"))
                .password("bench").setting("shared_buffers", "256MB").setting("max_wal_size", "4GB").build());
        try {
            pg.start();
            System.out.printf("PostgreSQL %s, data directory %s (%s)%n", binaries.version(), pg.spec().dataDirectory(),
                    Files.getFileStore(dir).type());
            try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(pg.url("postgres")).build())) {
                fld.createDatabase("bench_src");
                long bytes = fill(fld, sizeMb);
                System.out.printf("source database: %d MB%n", bytes >> 20);
                measureBranches(fld, runs);
                measureRaw(fld, runs, "copy", "file_copy");
                measureRaw(fld, runs, "copy", "wal_log");
            }
        } finally {
            pg.destroy();
        }
    }

    private static long fill(Foldout fld, int sizeMb) throws SQLException {
        try (Connection c = fld.getDatabase("bench_src").open(); Statement st = c.createStatement()) {
            st.execute("create table data (id bigint primary key, payload text)");
            long rows = 0;
            long size = 0;
            long batch = 100_000;
            while (size < (long) sizeMb << 20) {
                st.execute("insert into data select g, repeat(md5(g::text), 24) from generate_series(" + (rows + 1) + ", "
                        + (rows + batch) + ") g");
                rows += batch;
                try (ResultSet rs = st.executeQuery("select pg_database_size(current_database())")) {
                    rs.next();
                    size = rs.getLong(1);
                }
            }
            st.execute("checkpoint");
            return size;
        }
    }

    private static void measureBranches(Foldout fld, int runs) {
        List<Double> total = new ArrayList<>();
        List<Double> copy = new ArrayList<>();
        String method = "";
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Branch b = fld.getDatabase("bench_src").branch("bench_branch_" + i, CopyOptions.DEFAULTS);
            total.add((System.nanoTime() - t0) / 1e6);
            copy.add(b.info().copy().elapsed().toNanos() / 1e6);
            method = b.info().copy().method() + " (" + b.info().copy().note() + ")";
            b.delete(true);
        }
        System.out.printf("Foldout branch (template backend): %s%n  whole call  %s%n  copy itself %s%n", method,
                stats(total), stats(copy));
    }

    private static void measureRaw(Foldout fld, int runs, String fileCopyMethod, String strategy) throws SQLException {
        List<Double> times = new ArrayList<>();
        try (Connection c = fld.getDatabase("postgres").open(); Statement st = c.createStatement()) {
            if (fld.server().majorVersion() >= 18) {
                st.execute("set file_copy_method = " + fileCopyMethod);
            }
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                st.execute("create database bench_raw template bench_src strategy " + strategy);
                times.add((System.nanoTime() - t0) / 1e6);
                st.execute("drop database bench_raw");
            }
        }
        System.out.printf("CREATE DATABASE ... STRATEGY %s%s: %s%n", strategy.toUpperCase(),
                strategy.equals("file_copy") ? " (file_copy_method = " + fileCopyMethod + ")" : "", stats(times));
    }

    private static String stats(List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return String.format("median %.1f ms, min %.1f ms, max %.1f ms over %d runs", sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }
}
