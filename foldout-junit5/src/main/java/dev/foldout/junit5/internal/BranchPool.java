package dev.foldout.junit5.internal;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Database;
import dev.foldout.FoldoutException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Branches of the seed made ahead of the tests. The pool always has {@code size} branches ready or being made -
 * never more: each {@link #take()} starts one new branch in the background. Branches given back are dropped in
 * the background. {@link #close()} drops the branches nobody took and waits for the drops to finish.
 *
 * <p>Foldout makes one copy of a database at a time, so the pool branches several identical sources (the seed
 * and copies of it) at once, one maker thread per source.
 */
public final class BranchPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BranchPool.class);

    /** A made branch, or the error of a failed attempt, which the taker gets. */
    private record Made(Branch branch, RuntimeException error) {
    }

    private final Database seed;
    private final BlockingQueue<Database> sources;
    private final String prefix;
    private final CopyOptions options;
    private final int size;
    private final BlockingQueue<Made> ready = new LinkedBlockingQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final ExecutorService makers;
    private final ExecutorService droppers;
    private volatile boolean closed;

    /**
     * @param seed    the seed, for messages
     * @param sources identical databases to branch: the seed and copies of it
     * @param prefix  prefix of the branch names (a sequence number follows)
     * @param message recorded in the catalog with each branch (who made it)
     * @param size    how many branches are ready or being made at any time
     */
    public BranchPool(Database seed, java.util.List<Database> sources, String prefix, String message, int size) {
        this.seed = seed;
        this.sources = new LinkedBlockingQueue<>(sources);
        this.prefix = prefix;
        this.options = CopyOptions.DEFAULTS.withMessage(message);
        this.size = size;
        this.makers = Executors.newFixedThreadPool(sources.size(), daemon("foldout-branch-maker"));
        this.droppers = Executors.newSingleThreadExecutor(daemon("foldout-branch-dropper"));
    }

    /** Starts making the first {@code size} branches. */
    public BranchPool start() {
        for (int i = 0; i < size; i++) {
            makers.execute(this::makeOne);
        }
        return this;
    }

    private void makeOne() {
        if (closed) {
            return;
        }
        String name = prefix + sequence.incrementAndGet();
        Database source = sources.remove();
        try {
            Branch b = source.branch(name, options);
            live.incrementAndGet();
            ready.add(new Made(b, null));
            LOG.debug("branch {} ready", name);
        } catch (RuntimeException e) {
            ready.add(new Made(null, e));
        } finally {
            sources.add(source);
        }
    }

    /** The next ready branch, waiting while none is; starts making its replacement. */
    public Branch take() {
        if (closed) {
            throw new IllegalStateException("the branch pool of " + seed.name() + " is closed");
        }
        Made m;
        try {
            m = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FoldoutException("interrupted while waiting for a branch of " + seed.name(), e);
        }
        makers.execute(this::makeOne);
        if (m.error() != null) {
            throw new FoldoutException("could not make a branch of seed " + seed.name() + " for this test: "
                    + m.error().getMessage(), m.error());
        }
        return m.branch();
    }

    /** Drops {@code b} in the background (terminating any session still on it). */
    public void giveBack(Branch b) {
        droppers.execute(() -> drop(b));
    }

    private void drop(Branch b) {
        try {
            b.delete(true);
        } catch (RuntimeException e) {
            LOG.warn("could not drop test branch {}: {} - the next test run drops it", b.name(), e.getMessage());
        } finally {
            live.decrementAndGet();
        }
    }

    /** Branches made by this pool and not yet dropped (ready, in use, or waiting to be dropped). */
    public int live() {
        return live.get();
    }

    /** Stops making branches, drops the ready ones, and waits for every drop. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        makers.shutdown();
        await(makers);
        for (Made m; (m = ready.poll()) != null; ) {
            if (m.branch() != null) {
                giveBack(m.branch());
            }
        }
        droppers.shutdown();
        await(droppers);
    }

    private static void await(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                LOG.warn("foldout-junit5 gave up waiting for its background work after 5 minutes; the next run cleans up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
