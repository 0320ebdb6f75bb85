package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JUnit's parallel mode: tests running at the same time each get their own branch, and the pool keeps its bound. */
class ParallelIT {
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MOST = new AtomicInteger();
    static final Set<String> IN_USE = ConcurrentHashMap.newKeySet();
    static final Set<String> SHARED = ConcurrentHashMap.newKeySet();
    static final AtomicInteger HOLDING = new AtomicInteger();
    static final AtomicInteger MOST_HOLDING = new AtomicInteger();

    @Test
    void concurrentTestsGetBranchesOfTheirOwn() {
        var results = Kit.run(parallel(3), Concurrent.class);
        assertThat(results.testEvents().failed().list()).as("failures").extracting(e -> e.getPayload(
                org.junit.platform.engine.TestExecutionResult.class).flatMap(
                org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?")).isEmpty();
        results.testEvents().assertStatistics(s -> s.started(6).succeeded(6));
        assertThat(MOST.get()).as("tests ran at the same time").isGreaterThanOrEqualTo(2);
        // a branch may serve several tests one after the other (undone in between), never two at once
        assertThat(SHARED).as("a branch used by two tests at once").isEmpty();
        assertThat(Kit.databases("fld_t_")).isEmpty();
    }

    /**
     * The bound docs/junit5.md states: a run's databases are at most poolSize ready or being made, one per test holding
     * a branch, poolSize given back and waiting to be dropped, and the second source (made only when every test gets a
     * new copy).
     */
    @Test
    void theRunsDatabasesOnTheServerStayWithinTheBound() throws InterruptedException {
        AtomicInteger mostDatabases = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            try (Connection c = TestPostgres.connect("postgres")) {
                while (!stop.get()) {
                    int n = Integer.parseInt(Kit.query(c, "select count(*) from pg_database where datname like 'fld\\_t\\_%'"));
                    mostDatabases.accumulateAndGet(n, Math::max);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "pg_database sampler");
        sampler.start();
        try {
            Kit.run(parallel(2), Bounded.class).testEvents().assertStatistics(s -> s.started(8).succeeded(8));
        } finally {
            stop.set(true);
            sampler.join();
        }
        int poolSize = 2;
        assertThat(MOST_HOLDING.get()).as("tests held branches at the same time").isGreaterThanOrEqualTo(2);
        // every branch a test held is a database (the sampler saw them); used ones are undone in place, not copied again
        assertThat(mostDatabases.get()).as("the run's databases seen at once")
                .isGreaterThanOrEqualTo(MOST_HOLDING.get()).isLessThanOrEqualTo(2 * poolSize + MOST_HOLDING.get() + 1);
        assertThat(Kit.databases("fld_t_")).isEmpty();
    }

    static Map<String, String> parallel(int threads) {
        return Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", Integer.toString(threads));
    }

    /** Counts the tests between their first before-each and last after-each callback: those holding a branch. */
    public static class Holding implements BeforeEachCallback, AfterEachCallback {
        @Override
        public void beforeEach(ExtensionContext ctx) {
            MOST_HOLDING.accumulateAndGet(HOLDING.incrementAndGet(), Math::max);
        }

        @Override
        public void afterEach(ExtensionContext ctx) {
            HOLDING.decrementAndGet();
        }
    }

    @ExtendWith(Holding.class) // registered before the field, so its callbacks wrap the extension's
    static class Bounded {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql").poolSize(2).build();

        @RepeatedTest(8)
        void holdsItsBranchAWhile(Connection c) throws SQLException, InterruptedException {
            Thread.sleep(2000); // longer than making a branch takes, so that the pool fills up while tests run
            assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("101");
        }
    }

    static class Concurrent {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql").poolSize(3).build();

        @RepeatedTest(6)
        void writesOnlyItsOwnBranch(Connection c) throws SQLException, InterruptedException {
            MOST.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try {
                String branch = Kit.query(c, "select current_database()");
                if (!IN_USE.add(branch)) {
                    SHARED.add(branch);
                }
                try {
                    try (var st = c.createStatement()) {
                        st.execute("insert into item values (7000, 'mine')");
                    }
                    Thread.sleep(300);
                    assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("102");
                } finally {
                    IN_USE.remove(branch);
                }
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }
}
