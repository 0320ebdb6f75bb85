package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JUnit's parallel mode: tests running at the same time each get their own branch. */
class ParallelIT {
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MOST = new AtomicInteger();
    static final Set<String> BRANCHES = ConcurrentHashMap.newKeySet();

    @Test
    void concurrentTestsGetBranchesOfTheirOwn() {
        Map<String, String> parallel = Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3");
        Kit.run(parallel, Concurrent.class).testEvents().assertStatistics(s -> s.started(6).succeeded(6));
        assertThat(MOST.get()).as("tests ran at the same time").isGreaterThanOrEqualTo(2);
        assertThat(BRANCHES).hasSize(6);
        assertThat(Kit.databases("fld_t_")).isEmpty();
    }

    static class Concurrent {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql").poolSize(3).build();

        @RepeatedTest(6)
        void writesOnlyItsOwnBranch(Connection c) throws SQLException, InterruptedException {
            MOST.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try {
                BRANCHES.add(Kit.query(c, "select current_database()"));
                try (var st = c.createStatement()) {
                    st.execute("insert into item values (7000, 'mine')");
                }
                Thread.sleep(300);
                assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("102");
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }
}
