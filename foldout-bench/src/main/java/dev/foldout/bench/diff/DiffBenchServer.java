package dev.foldout.bench.diff;

import dev.foldout.server.ServerSpec;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import java.nio.file.Path;

/**
 * The server the diff and merge harnesses share: its cluster in {@code DIR/cluster} (made on first start, kept),
 * PostgreSQL from the binaries on the class path, settings for large writes (1 GB shared buffers, WAL summaries, no
 * fsync, no forced checkpoints within the hour).
 */
public final class DiffBenchServer {
    private DiffBenchServer() {
    }

    /** The server of the cluster under {@code dir}; not started. */
    public static PostgresServer in(Path dir) {
        return PostgresServer.of(ServerSpec.builder(PostgresBinaries.fromClasspath(), dir.resolve("cluster"))
                .password("bench").setting("shared_buffers", "1GB").setting("max_wal_size", "8GB")
                .setting("checkpoint_timeout", "1h").setting("summarize_wal", "on").setting("fsync", "off").build());
    }
}
