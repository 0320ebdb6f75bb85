package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Identifiers;
import dev.foldout.junit5.internal.SeedSpec;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A maker stuck on the server fails the waiting test after the branch timeout, saying what it waited for. */
class BranchTimeoutIT {
    static final String SEED = "fld_seed_" + new SeedSpec(List.of("db/schema.sql"), Optional.empty(), "").key();
    static volatile Connection blocker;

    @Test
    void aTestWhoseBranchDoesNotComeFailsAfterTheTimeoutSayingWhatWasBeingMade() throws SQLException {
        Kit.run(Stuck.class); // builds the seed, if no other test has
        assertThat(Kit.databases(SEED)).containsExactly(SEED);
        blocker = TestPostgres.connect("postgres");
        try {
            blocker.setAutoCommit(false);
            try (var st = blocker.createStatement()) {
                // holds a lock on the seed's database object that CREATE DATABASE ... TEMPLATE seed waits for
                st.execute("comment on database " + Identifiers.quote(SEED) + " is 'blocks the pool'");
            }
            long t0 = System.nanoTime();
            EngineExecutionResults r = Kit.run(Stuck.class);
            r.testEvents().assertStatistics(s -> s.started(1).failed(1));
            Throwable t = r.testEvents().failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow();
            assertThat(t).hasMessageStartingWith("foldout-junit5 waited 2 s for a branch of seed " + SEED + " and none came: "
                            + "pool of 1, none ready, being made: fld_t_")
                    .hasMessageContaining(" of " + SEED + " (for ")
                    .hasMessageContaining("; last maker error: none - look for sessions that block CREATE DATABASE")
                    .hasMessageNotContaining("\n");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
        } finally {
            release();
        }
        assertThat(Kit.databases("fld_t_")).as("the branch made once the lock went is dropped at the end").isEmpty();
    }

    static void release() throws SQLException {
        Connection c = blocker;
        if (c != null && !c.isClosed()) {
            c.rollback();
            c.close();
        }
    }

    static class Stuck {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql").poolSize(1)
                .branchTimeout(Duration.ofSeconds(2)).build();

        @AfterAll
        static void unblock() throws SQLException {
            release(); // before the run ends, which waits for its maker
        }

        @Test
        void waitsForItsBranch(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select 1")).isEqualTo("1");
        }
    }
}
