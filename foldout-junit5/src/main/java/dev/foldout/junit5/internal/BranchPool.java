package dev.foldout.junit5.internal;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Database;
import dev.foldout.FoldoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Branches of the seed made ahead of the tests. The pool always has {@code size} branches ready or being made -
 * never more: each {@link #take(Duration)} starts one new branch in the background. Branches given back are
 * dropped in the background, at most {@code size} waiting at a time: past that, the caller drops its branch
 * itself. {@link #close()} drops the branches nobody took and waits for the drops to finish.
 *
 * <p>Foldout makes one copy of a database at a time, so the pool branches several identical sources (the seed
 * and copies of it) at once, one maker thread per source. A maker that fails - with an exception or an
 * {@link Error} - hands its failure to the next taker in place of a branch, so its slot is never lost.
 */
public final class BranchPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BranchPool.class);
    private static final long SOURCE_BUSY_NANOS = 5_000_000_000L;

    /**
     * One database the pool branches.
     *
     * @param name  the database's name, for messages
     * @param maker makes a branch of it under the name it is given
     */
    public record Source(String name, Function<String, Branch> maker) {
    }

    /** A made branch with the connection kept on it, or the failure of an attempt, which the taker gets. */
    private record Made(Branch branch, WarmConnection warm, Throwable error) {
    }

    /**
     * A branch for a test, with the connection the pool keeps open on it (null when none could be opened).
     *
     * @param branch the branch
     * @param warm   its kept connection, or null
     */
    public record Ready(Branch branch, WarmConnection warm) {
    }

    private final String seed;
    private final BlockingQueue<Source> sources;
    private final String prefix;
    private final int size;
    private final BlockingQueue<Made> ready = new LinkedBlockingQueue<>();
    private final Map<String, Long> making = new ConcurrentSkipListMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final Semaphore dropQueue;
    private final ExecutorService makers;
    private final ExecutorService droppers;
    private final ExecutorService recyclers;
    /** Branches taken without a replacement being made: they come back undone, or are replaced when they cannot. */
    private final Set<String> unreplaced = ConcurrentHashMap.newKeySet();
    private final long recycleRows;
    /** Whether used branches are undone in place; off for good after an undo fails (rights, a locator). */
    private volatile boolean recycling;
    private volatile Throwable lastError;
    /** Used branches being undone right now. */
    private final AtomicInteger undoing = new AtomicInteger();
    private final PoolSizing sizing;
    private volatile boolean closed;

    /**
     * @param seed    the seed's name, for messages
     * @param sources identical databases to branch: the seed and copies of it
     * @param prefix  prefix of the branch names (a sequence number follows)
     * @param size    how many branches are ready or being made at any time
     */
    public BranchPool(String seed, List<Source> sources, String prefix, int size) {
        this(seed, sources, prefix, size, 0);
    }

    /**
     * As above; {@code recycleRows} above zero: a branch given back is made equal to its source again in place
     * ({@link Branch#discardChanges}) when at most that many rows changed, and handed to the next test, instead of
     * being dropped and replaced by a new copy.
     */
    public BranchPool(String seed, List<Source> sources, String prefix, int size, long recycleRows) {
        this.recycleRows = recycleRows;
        this.recycling = recycleRows > 0;
        this.sizing = new PoolSizing(size);
        this.recyclers = Executors.newFixedThreadPool(2, daemon("foldout-branch-recycler"));
        this.seed = seed;
        this.sources = new LinkedBlockingQueue<>(sources);
        this.prefix = prefix;
        this.size = size;
        this.dropQueue = new Semaphore(size);
        this.makers = Executors.newFixedThreadPool(sources.size(), daemon("foldout-branch-maker"));
        this.droppers = Executors.newSingleThreadExecutor(daemon("foldout-branch-dropper"));
    }

    /** The sources for {@code databases}: each branch records {@code message} (who made it) in the catalog. */
    public static List<Source> sources(List<Database> databases, String message) {
        CopyOptions options = CopyOptions.DEFAULTS.withBase(false).withMessage(message);
        return databases.stream().map(d -> new Source(d.name(), name -> d.branch(name, options))).toList();
    }

    /**
     * Starts making the first branches: all {@code size} of them, or - when used branches are undone in place, and so
     * come back in milliseconds - as few as {@link PoolSizing} says, more as tests need them.
     */
    public BranchPool start() {
        int first = recycling ? sizing.first() : size;
        for (int i = 0; i < first; i++) {
            makers.execute(this::makeOne);
        }
        return this;
    }

    private void makeOne() {
        if (closed) {
            return;
        }
        String name = prefix + sequence.incrementAndGet();
        Source source = sources.remove();
        making.put(name + " of " + source.name(), System.nanoTime());
        try {
            long t0 = System.nanoTime();
            Branch b = make(source, name);
            sizing.made(System.nanoTime() - t0);
            live.incrementAndGet();
            ready.add(new Made(b, WarmConnection.open(b), null));
            LOG.debug("branch {} ready", name);
        } catch (Throwable t) { // an Error too: the taker gets it, and the slot is not lost
            lastError = t;
            ready.add(new Made(null, null, t));
        } finally {
            making.remove(name + " of " + source.name());
            sources.add(source);
        }
    }

    /**
     * A branch of {@code source}. A source in use for a moment - an undo reading it as the parent of a branch being
     * made equal to it again - is tried again for a few seconds before the error reaches a test.
     */
    private static Branch make(Source source, String name) {
        long deadline = System.nanoTime() + SOURCE_BUSY_NANOS;
        while (true) {
            try {
                return source.maker().apply(name);
            } catch (dev.foldout.DatabaseInUseException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    /**
     * The next ready branch, waiting while none is, at most {@code timeout}; starts making its replacement.
     *
     * @throws FoldoutException when no branch came in time (saying what was being made and the last maker error),
     *                          or with the failure of the attempt that took this branch's place
     */
    public Ready take(Duration timeout) {
        if (closed) {
            throw new IllegalStateException("the branch pool of " + seed + " is closed");
        }
        Made m;
        long t0 = System.nanoTime();
        if (recycling && ready.isEmpty() && undoing.get() == 0 && making.isEmpty()) {
            grow(sizing.grow()); // every branch is in another test: tests run in parallel
        }
        try {
            m = ready.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FoldoutException("interrupted while waiting for a branch of " + seed, e);
        }
        if (m == null) {
            throw new FoldoutException(timedOut(timeout));
        }
        if (recycling && m.branch() != null) {
            unreplaced.add(m.branch().name()); // it comes back undone, or is replaced then
            grow(sizing.growAfterWaiting(System.nanoTime() - t0));
        } else {
            makers.execute(this::makeOne);
        }
        if (m.error() != null) {
            throw new FoldoutException("could not make a branch of seed " + seed + " for this test: "
                    + describe(m.error()), m.error());
        }
        return new Ready(m.branch(), m.warm());
    }

    private void grow(boolean more) {
        if (more) {
            makers.execute(this::makeOne);
        }
    }

    private String timedOut(Duration timeout) {
        long now = System.nanoTime();
        StringBuilder busy = new StringBuilder();
        for (Map.Entry<String, Long> e : making.entrySet()) {
            busy.append(busy.length() == 0 ? "" : ", ").append(e.getKey()).append(" (for ")
                    .append((now - e.getValue()) / 1_000_000).append(" ms)");
        }
        Throwable last = lastError;
        return "foldout-junit5 waited " + seconds(timeout) + " for a branch of seed " + seed + " and none came: "
                + "pool of " + size + ", none ready, being made: " + (busy.length() == 0 ? "none" : busy)
                + "; last maker error: " + (last == null ? "none" : describe(last))
                + " - look for sessions that block CREATE DATABASE on the server (pg_stat_activity, pg_locks), "
                + "or raise branchTimeout";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** One line: an exception's message, or an error's type and message (an Error's type says most). */
    private static String describe(Throwable t) {
        String message = StartFailure.firstLine(t.getMessage());
        return t instanceof Error ? t.getClass().getName() + ": " + message : message;
    }

    /**
     * Drops {@code b} (terminating any session still on it): in the background, or - when {@code size} drops wait
     * already - before it returns, so that drops falling behind cannot pile up databases on the server.
     */
    public void giveBack(Ready r) {
        if (unreplaced.remove(r.branch().name())) {
            undoing.incrementAndGet();
            recyclers.execute(() -> {
                try {
                    recycle(r);
                } finally {
                    undoing.decrementAndGet();
                }
            });
            return;
        }
        closeWarm(r.warm());
        dropLater(r.branch());
    }

    /** A branch kept for a failed test: it leaves the pool, and one is made in its place if none was. */
    public void keep(Ready r) {
        closeWarm(r.warm());
        if (unreplaced.remove(r.branch().name())) {
            makers.execute(this::makeOne);
        }
    }

    private static void closeWarm(WarmConnection w) {
        if (w != null) {
            w.close();
        }
    }

    /**
     * Undoes what the test changed - through the kept connection, reset first - and hands the branch to the next test;
     * else drops it and makes a new one.
     */
    private void recycle(Ready r) {
        Branch b = r.branch();
        WarmConnection w = r.warm();
        boolean undone = false;
        if (recycling && !closed) {
            try {
                if (w != null && !w.reset()) {
                    w = null; // broken, and closed: the undo opens its own
                }
                undone = w != null ? b.discardChanges(recycleRows, w.session()) : b.discardChanges(recycleRows);
            } catch (RuntimeException | LinkageError e) { // the slot is never lost: the branch is replaced below
                recycling = false;
                LOG.info("foldout-junit5 makes a new branch for each test from now on: undoing what a test changed on "
                        + "{} failed ({})", b.name(), describe(e));
            }
        }
        if (undone && !closed) {
            ready.add(new Made(b, w, null));
            LOG.debug("branch {} undone and ready again", b.name());
            return;
        }
        closeWarm(w);
        dropLater(b);
        makers.execute(this::makeOne);
    }

    private void dropLater(Branch b) {
        if (dropQueue.tryAcquire()) {
            droppers.execute(() -> {
                try {
                    drop(b);
                } finally {
                    dropQueue.release();
                }
            });
        } else {
            drop(b);
        }
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
        recyclers.shutdown();
        await(recyclers);
        makers.shutdown();
        await(makers);
        for (Made m; (m = ready.poll()) != null; ) {
            if (m.branch() != null) {
                closeWarm(m.warm());
                dropLater(m.branch());
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
