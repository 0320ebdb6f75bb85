package dev.foldout.internal.ops;

import dev.foldout.ProgressListener;
import dev.foldout.ServerInfo;
import dev.foldout.spi.BackendContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link BackendContext} of one operation: its own catalog connection and the session's facts, and when the
 * backend last said its copy was written ({@link System#nanoTime()}, 0 before it says so).
 */
public record OperationContext(Connection connection, ServerInfo server, Optional<Path> dataDirectory, ProgressListener progress,
                               AtomicLong written) implements BackendContext {
    /** For an operation on {@code connection}. */
    public OperationContext(Connection connection, ServerInfo server, Optional<Path> dataDirectory, ProgressListener progress) {
        this(connection, server, dataDirectory, progress, new AtomicLong());
    }

    @Override
    public void copyWritten() {
        written.set(System.nanoTime());
    }

    /**
     * Runs {@code copy} and returns its result with the moment its files were all written: when the backend said so,
     * else when it returned.
     */
    public <T> Timed<T> timed(java.util.function.Supplier<T> copy) {
        written.set(0);
        T result = copy.get();
        long mark = written.get();
        return new Timed<>(result, mark != 0 ? mark : System.nanoTime());
    }

    /** A result and a {@link System#nanoTime()} moment. */
    public record Timed<T>(T result, long nanos) {
    }
}
