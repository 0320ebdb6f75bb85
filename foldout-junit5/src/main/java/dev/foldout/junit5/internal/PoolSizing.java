package dev.foldout.junit5.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many branches a pool that undoes used ones in place keeps in rotation (made, being made, in a test or being
 * undone): {@value #FIRST} at first - an undone branch comes back in milliseconds - and one more, up to the pool's
 * size, when a test finds every branch held by other tests (tests running in parallel), or when tests have waited for
 * branches coming back undone {@value #GROW_AFTER_MAKES} times as long as a branch takes to make: on a file system
 * without clones each is a whole copy of the seed, worth making only for a suite long enough to win it back (its copy
 * also closes the seed, which the undo reads from, while it runs).
 */
final class PoolSizing {
    /** Branches made at first. */
    static final int FIRST = 1;
    private static final int GROW_AFTER_MAKES = 4;

    private final int size;
    private final AtomicInteger rotation = new AtomicInteger();
    private final AtomicLong waited = new AtomicLong();
    private volatile long makeNanos;

    PoolSizing(int size) {
        this.size = size;
        rotation.set(Math.min(size, FIRST));
    }

    /** The branches to make at first. */
    int first() {
        return rotation.get();
    }

    /** Records how long making a branch took. */
    void made(long nanos) {
        makeNanos = nanos;
    }

    /** Whether, tests having waited {@code nanos} more for an undone branch, one more is worth making (and counted). */
    boolean growAfterWaiting(long nanos) {
        long made = makeNanos;
        if (made > 0 && waited.addAndGet(nanos) > GROW_AFTER_MAKES * made) {
            waited.set(0);
            return grow();
        }
        return false;
    }

    /** Counts one more branch in rotation and says so, unless there are {@code size} already. */
    boolean grow() {
        int n = rotation.get();
        while (n < size) {
            if (rotation.compareAndSet(n, n + 1)) {
                return true;
            }
            n = rotation.get();
        }
        return false;
    }
}
