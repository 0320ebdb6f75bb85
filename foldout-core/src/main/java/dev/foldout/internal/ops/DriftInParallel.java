package dev.foldout.internal.ops;

import dev.foldout.internal.merge.DriftSink;
import dev.foldout.internal.merge.MergeFailure;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The parent's drift, read on a thread of its own while the merge reads the branch's changes: the two diffs share no
 * connection, and the branch's rows wait for the drift only when they are merged ({@link #get}), so a merge costs
 * about the longer of the two reads, not their sum.
 */
final class DriftInParallel implements AutoCloseable {
    /** Reads a drift. */
    interface Reader {
        DriftSink read() throws SQLException;
    }

    private final CompletableFuture<DriftSink> drift = new CompletableFuture<>();
    private final Thread thread;

    DriftInParallel(String into, Reader reader) {
        thread = new Thread(() -> {
            try {
                drift.complete(reader.read());
            } catch (SQLException | RuntimeException | Error e) {
                drift.completeExceptionally(e);
            }
        }, "foldout-drift-" + into);
        thread.setDaemon(true);
        thread.start();
    }

    /** The drift, once read; its failure as the merge's. */
    DriftSink get() throws SQLException {
        try {
            return drift.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the parent's drift was read", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof MergeFailure failure) {
                throw failure.sqlCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) cause;
        }
    }

    /** Waits for the reading thread to end (whatever the merge did), so its connections may be closed. */
    @Override
    public void close() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
