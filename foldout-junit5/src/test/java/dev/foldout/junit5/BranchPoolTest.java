package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.Branch;
import dev.foldout.FoldoutException;
import dev.foldout.junit5.internal.BranchPool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The pool's slot accounting when a maker dies of an {@link Error}, which no real server can be made to cause:
 * the makers here are plain functions, and no branch is ever made.
 */
class BranchPoolTest {

    @Test
    void aMakerKilledByAnErrorGivesItsSlotBackAndTheTakerGetsTheError() {
        BranchPool pool = pool(name -> {
            throw new NoClassDefFoundError("org/example/Gone");
        });
        try {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> pool.take(Duration.ofSeconds(10))).isInstanceOf(FoldoutException.class)
                        .hasMessage("could not make a branch of seed fld_seed_x for this test: "
                                + "java.lang.NoClassDefFoundError: org/example/Gone")
                        .hasCauseInstanceOf(NoClassDefFoundError.class);
            }
        } finally {
            pool.close();
        }
    }

    @Test
    void aStuckMakerFailsTheTakerAfterTheTimeoutNamingTheLastError() {
        CountDownLatch stuck = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        BranchPool pool = pool(name -> {
            if (attempts.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("released");
        });
        try {
            assertThatThrownBy(() -> pool.take(Duration.ofSeconds(10))).hasMessageContaining("OutOfMemoryError");
            assertThatThrownBy(() -> pool.take(Duration.ofMillis(300))).isInstanceOf(FoldoutException.class)
                    .hasMessageStartingWith("foldout-junit5 waited 300 ms for a branch of seed fld_seed_x and none came: "
                            + "pool of 1, none ready, being made: fld_t_00000000_2 of fld_seed_x (for ")
                    .hasMessageContaining("; last maker error: java.lang.OutOfMemoryError: Java heap space - ")
                    .hasMessageEndingWith("or raise branchTimeout");
        } finally {
            stuck.countDown();
            pool.close();
        }
    }

    private static BranchPool pool(Function<String, Branch> maker) {
        return new BranchPool("fld_seed_x", List.of(new BranchPool.Source("fld_seed_x", maker)), "fld_t_00000000_", 1)
                .start();
    }
}
