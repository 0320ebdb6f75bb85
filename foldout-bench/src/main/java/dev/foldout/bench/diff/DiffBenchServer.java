package dev.foldout.bench.diff;

import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import dev.foldout.server.ServerSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server the diff and merge harnesses share: its cluster in {@code DIR/cluster} (made on first start, kept),
 * PostgreSQL from the binaries on the class path, settings for large writes (1 GB shared buffers, WAL summaries, no
 * fsync, no forced checkpoints within the hour).
 */
public final class DiffBenchServer {
    private DiffBenchServer() {
    }

    /** Fills the benchmark database on a new cluster. */
    @FunctionalInterface
    public interface Fill {
        void fill(Foldout fld) throws Exception;
    }

    /** Measures on the started server, through a session on the benchmark database. */
    @FunctionalInterface
    public interface Work {
        void run(PostgresServer pg, Foldout fld) throws Exception;
    }

    /**
     * Starts the server of the cluster under {@code dir}, makes database {@code db} with {@code fill} when it is not
     * there yet (null: it must be), runs {@code work} on it and stops the server.
     */
    public static void run(Path dir, String db, Fill fill, Work work) throws Exception {
        Files.createDirectories(dir);
        PostgresServer pg = in(dir);
        try {
            pg.start();
            try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(pg.url("postgres")).build())) {
                if (fld.databases().stream().noneMatch(d -> d.name().equals(db))) {
                    if (fill == null) {
                        throw new IllegalArgumentException("database " + db + " is not in " + dir + ": run the harness "
                                + "that fills it first");
                    }
                    fill.fill(fld);
                }
            }
            try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(pg.url(db)).build())) {
                work.run(pg, fld);
            }
        } finally {
            pg.stop();
        }
    }

    /** The server of the cluster under {@code dir}; not started. */
    public static PostgresServer in(Path dir) {
        return PostgresServer.of(ServerSpec.builder(PostgresBinaries.fromClasspath(), dir.resolve("cluster"))
                .password("bench").setting("shared_buffers", "1GB").setting("max_wal_size", "8GB")
                .setting("checkpoint_timeout", "1h").setting("summarize_wal", "on").setting("fsync", "off").build());
    }
}
