package dev.foldout.bench.reflink;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.server.ServerSpec;
import dev.foldout.server.OsAccount;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import dev.foldout.internal.cow.ClusterCloneReport;
import dev.foldout.internal.cow.ClusterCloner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times {@link ClusterCloner#cloneRunning} of a running cluster holding a database of a given size, and the first
 * query on a server started on the clone; on PostgreSQL 15 to 17 also {@code branch} by the reflink backend
 * against the template backend. Put {@code --dir} on XFS (reflink=1) or btrfs.
 *
 * <pre>java -cp foldout-bench/target/benchmarks.jar dev.foldout.bench.reflink.ReflinkCloneHarness --dir /mnt/xfs/bench --size-mb 1024 --runs 5 [--pg-home DIR]</pre>
 */
public final class ReflinkCloneHarness {
    private ReflinkCloneHarness() {
    }

    /** Runs the measurement and prints its figures. */
    public static void main(String[] args) throws Exception {
        Path dir = null;
        int sizeMb = 1024;
        int runs = 5;
        Path pgHome = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--size-mb" -> sizeMb = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--pg-home" -> pgHome = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: --dir DIR [--size-mb 1024] [--runs 5] [--pg-home DIR with bin/postgres]");
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required: a directory on XFS (reflink=1) or btrfs");
        }
        Files.createDirectories(dir);
        PostgresBinaries binaries = pgHome == null ? PostgresBinaries.fromClasspath() : PostgresBinaries.installedAt(pgHome);
        PostgresServer pg = PostgresServer.of(ServerSpec.builder(binaries, dir.resolve("cluster"))
                .password("bench").setting("shared_buffers", "256MB").setting("max_wal_size", "4GB").build());
        try {
            pg.start();
            long bytes = fill(pg, sizeMb);
            System.out.printf("PostgreSQL %s, data directory %s (%s), database bench_src %d MB%n", binaries.version(),
                    pg.spec().dataDirectory(), Files.getFileStore(dir).type(), bytes >> 20);
            cloneCluster(pg, dir, runs);
            if (binaries.majorVersion() <= 17) {
                branch(pg, "reflink", runs);
                branch(pg, "template", runs);
            }
        } finally {
            pg.destroy();
        }
    }

    private static long fill(PostgresServer pg, int sizeMb) throws Exception {
        try (Connection c = connect(pg, "postgres"); Statement st = c.createStatement()) {
            st.execute("create database bench_src");
        }
        try (Connection c = connect(pg, "bench_src"); Statement st = c.createStatement()) {
            st.execute("create table data (id bigint primary key, payload text)");
            long rows = (long) sizeMb * 1_048_576 / 900; // about 900 bytes per row with its index entry
            for (long from = 1; from <= rows; from += 200_000) {
                st.execute("insert into data select g, repeat(md5(g::text), 24) from generate_series(" + from + ", "
                        + Math.min(rows, from + 199_999) + ") g");
            }
            st.execute("checkpoint");
            try (ResultSet rs = st.executeQuery("select pg_database_size(current_database())")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void cloneCluster(PostgresServer pg, Path dir, int runs) throws Exception {
        List<Double> ms = new ArrayList<>();
        ClusterCloneReport last = null;
        for (int i = 0; i < runs; i++) {
            Path cloneDir = dir.resolve("clone-" + i);
            Files.createDirectories(cloneDir);
            OsAccount.forServer().takeOwnership(cloneDir);
            try (Connection c = connect(pg, "postgres")) {
                last = ClusterCloner.cloneRunning(c, pg.spec().dataDirectory(), cloneDir.resolve("data"), step -> { });
            }
            ms.add(last.elapsed().toNanos() / 1e6);
            if (i == runs - 1) {
                firstQuery(pg, cloneDir);
            }
            new ProcessBuilder("rm", "-rf", cloneDir.toString()).inheritIO().start().waitFor();
        }
        System.out.printf("ClusterCloner.cloneRunning: %s%n  last: %s%n", stats(ms), last.describe());
    }

    private static void firstQuery(PostgresServer pg, Path cloneDir) throws Exception {
        PostgresServer clone = PostgresServer.of(ServerSpec.builder(pg.spec().binaries(), cloneDir).password("bench")
                .setting("shared_buffers", "128MB").build());
        long t0 = System.nanoTime();
        clone.start();
        try (Connection c = connect(clone, "bench_src"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from data where id < 1000")) {
            rs.next();
            System.out.printf("server started on the clone and answered its first query in %.0f ms%n",
                    (System.nanoTime() - t0) / 1e6);
        } finally {
            clone.stop();
        }
    }

    private static void branch(PostgresServer pg, String backend, int runs) {
        List<Double> total = new ArrayList<>();
        List<Double> copy = new ArrayList<>();
        String how = "";
        try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(pg.url("bench_src")).backend(backend).build())) {
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                Branch b = fld.defaultDatabase().branch("bench_" + backend + "_" + i, CopyOptions.DEFAULTS);
                total.add((System.nanoTime() - t0) / 1e6);
                copy.add(b.info().copy().elapsed().toNanos() / 1e6);
                how = b.info().copy().describe();
                b.delete(true);
            }
        }
        System.out.printf("Foldout branch, %s backend: whole call %s; copy itself %s%n  last: %s%n", backend, stats(total),
                stats(copy), how);
    }

    private static Connection connect(PostgresServer pg, String db) throws Exception {
        var url = pg.url(db);
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    private static String stats(List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        return String.format("median %.1f ms, min %.1f ms, max %.1f ms over %d runs", sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }
}
