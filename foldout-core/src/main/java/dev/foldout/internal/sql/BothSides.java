package dev.foldout.internal.sql;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs two reads at once, each on a connection of its own (a diff's two sides): one on a daemon thread, the other
 * on the caller's. A server answers two connections in parallel, so the wait is the longer of the two, not the sum.
 */
public final class BothSides {
    /** Daemon threads; an idle one expires after a minute. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "foldout-side-reader");
        t.setDaemon(true);
        return t;
    });

    private BothSides() {
    }

    /** A read that may fail with an SQLException. */
    @FunctionalInterface
    public interface Read<T> {
        /** Runs the read. */
        T run() throws SQLException;
    }

    /** The results of both reads. */
    public record Pair<A, B>(A first, B second) {
    }

    /** Runs {@code first} on another thread while this thread runs {@code second}; both finish before it returns. */
    public static <A, B> Pair<A, B> read(Read<A> first, Read<B> second) throws SQLException {
        Future<A> other = READERS.submit(first::run);
        B b;
        try {
            b = second.run();
        } catch (SQLException | RuntimeException e) {
            try {
                join(other);
            } catch (SQLException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new Pair<>(join(other), b);
    }

    /** Starts {@code read} on another thread; {@link #join} waits for its result. */
    public static <T> Future<T> start(Read<T> read) {
        return READERS.submit(read::run);
    }

    /** The result of a read started by {@link #start}, its failure rethrown as it was. */
    public static <T> T join(Future<T> future) throws SQLException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new SQLException("interrupted while reading", "57014", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
