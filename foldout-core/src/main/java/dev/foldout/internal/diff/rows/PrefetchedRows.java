package dev.foldout.internal.diff.rows;

import dev.foldout.internal.sql.BothSides;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A stream read ahead on a thread of its own, a few batches deep, so that its server keeps producing rows while
 * the caller compares: without it a cursor's server waits for each fetch, and two sides read by one thread take
 * turns instead of working at once. Memory: at most {@link #DEPTH} batches of {@link #BATCH} rows.
 */
final class PrefetchedRows implements Rows {
    static final int BATCH = 4_096;
    static final int DEPTH = 4;
    /** Marks the end of the rows in the queue. */
    private static final String[][] END = new String[0][];

    private final Rows source;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Future<Void> reader;
    private volatile boolean closed;
    private String[][] batch = new String[0][];
    private int at;
    private boolean ended;

    private PrefetchedRows(Rows source) {
        this.source = source;
        this.reader = BothSides.start(this::read);
    }

    /** Reads {@code source} ahead; closing this closes it. */
    static Rows of(Rows source) {
        return source == null ? null : new PrefetchedRows(source);
    }

    private Void read() throws SQLException {
        try {
            while (!closed) {
                String[][] rows = new String[BATCH][];
                int n = 0;
                String[] r;
                while (n < BATCH && (r = source.next()) != null) {
                    rows[n++] = r;
                }
                if (n > 0) {
                    put(n == BATCH ? rows : Arrays.copyOf(rows, n));
                }
                if (n < BATCH) {
                    put(END);
                    return null;
                }
            }
        } catch (SQLException | RuntimeException e) {
            put(e);
        }
        return null;
    }

    private void put(Object item) {
        try {
            while (!closed && !queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                // the consumer is behind: wait for room, or for close
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String[] next() throws SQLException {
        if (at < batch.length) {
            return batch[at++];
        }
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while reading rows", "57014", e);
        }
        if (item instanceof SQLException e) {
            ended = true;
            throw e;
        }
        if (item instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        batch = (String[][]) item;
        at = 0;
        if (batch == END) {
            ended = true;
            return null;
        }
        return next();
    }

    /** Stops the reader (it finishes the fetch it is in) and closes the source on this thread. */
    @Override
    public void close() throws SQLException {
        closed = true;
        try {
            while (true) {
                queue.clear();
                try {
                    reader.get(50, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillReading) {
                    // the reader is inside a fetch; it stops at the next batch
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // its failure was queued for next(), or nobody asked for it any more
        } finally {
            source.close();
        }
    }
}
