package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Foldout;
import dev.foldout.internal.catalog.CatalogDatabase;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Nothing left behind: failed tests, a killed run's leftovers, a live run's branches, kept branches. */
class HygieneIT {

    @Test
    void failingTestsLeaveNoBranch() {
        EngineExecutionResults r = Kit.run(Failing.class);
        r.testEvents().assertStatistics(s -> s.started(2).failed(2));
        assertThat(Kit.databases("fld_t_")).isEmpty();
    }

    @Test
    void theNextRunDropsWhatAKilledRunLeftButNotWhatALiveRunHolds() throws SQLException {
        String seed = TestPostgres.uniqueName("hyg_seed");
        TestFoldout.seed(seed, 10);
        String dead = "fld_t_1234abcd_1";
        String live = "fld_t_2345bcde_1";
        String deadTemp = "fld_seedtmp_1234abcd_7";
        try (Foldout fld = TestFoldout.connect("postgres", "");
             Connection liveRun = TestPostgres.connect(CatalogDatabase.NAME)) {
            fld.getDatabase(seed).branch(dead);
            fld.getDatabase(seed).branch(live);
            fld.createDatabase(deadTemp);
            try (var st = liveRun.createStatement()) {
                st.execute("select pg_advisory_lock(" + 0x464a7535 + ", " + 0x2345bcde + ")");
            }
            Kit.run(Failing.class);
            assertThat(Kit.databases("fld_t_")).containsExactly(live);
            assertThat(Kit.databases("fld_seedtmp_")).isEmpty();
            assertThat(fld.findBranch(dead)).isEmpty();
            fld.getBranch(live).delete(true);
        } finally {
            TestFoldout.dropQuietly(seed, dead, live, deadTemp);
        }
    }

    @Test
    void aRunWhoseUrlNamesAnotherDatabaseOfTheServerLeavesALiveRunsBranchesAlone() {
        TestPostgres.exec("postgres", "create database " + OTHER_DATABASE);
        try {
            Kit.run(LiveRun.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        } finally {
            TestFoldout.dropQuietly(OTHER_DATABASE);
        }
        assertThat(Kit.databases("fld_t_")).isEmpty();
    }

    @Test
    void keepFailedKeepsTheBranchAndTheFailureSaysHowToConnect() throws SQLException {
        EngineExecutionResults r = Kit.run(KeepFailed.class);
        r.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        Throwable failure = r.testEvents().failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(failure).hasMessage("the count is wrong");
        assertThat(failure.getSuppressed()).hasSize(1);
        String notice = failure.getSuppressed()[0].getMessage();
        List<String> kept = Kit.databases("fld_t_");
        assertThat(kept).hasSize(1);
        assertThat(notice).contains("keeps this test's branch " + kept.get(0))
                .contains(TestPostgres.url(kept.get(0)).jdbcUrl())
                .contains("foldout delete-branch " + kept.get(0))
                .doesNotContain(TestPostgres.url("postgres").password());
        try (Connection c = TestPostgres.connect(kept.get(0))) {
            assertThat(Kit.query(c, "select count(*) from item")).as("the failed test's writes are there to inspect")
                    .isEqualTo("0");
        }

        Kit.run(Failing.class);
        assertThat(Kit.databases("fld_t_")).as("a later run leaves a kept branch alone").isEqualTo(kept);
        try (Foldout fld = TestFoldout.connect("postgres", "")) {
            fld.getBranch(kept.get(0)).delete(true);
        }
    }

    static final String OTHER_DATABASE = TestPostgres.uniqueName("hyg_other");

    /** A run on the "postgres" database, during which a run whose URL names another database starts. */
    static class LiveRun {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql").build();

        @Test
        void keepsItsBranchesWhileAnotherRunStarts(Connection c) throws SQLException {
            String mine = Kit.query(c, "select current_database()");
            String run = mine.substring(0, "fld_t_".length() + 9);
            List<String> before = Kit.databases(run);
            Kit.run(OnAnotherDatabase.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(Kit.databases(run)).as("the other run dropped none of this live run's databases")
                    .containsAll(before).contains(mine);
            assertThat(Kit.query(c, "select count(*) from item")).as("this test's session survived").isEqualTo("101");
        }
    }

    /** Another seed, so that the two runs never branch the same source at once. */
    static class OnAnotherDatabase {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(TestPostgres.url(OTHER_DATABASE).jdbcUrlWithCredentials())
                .seedScripts("db/schema.sql", "db/more.sql").build();

        @Test
        void runs(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("102");
        }
    }

    static class Failing {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql").build();

        @Test
        void fails(Connection c) {
            throw new AssertionError("fails on purpose");
        }

        @Test
        void failsToo() {
            throw new IllegalStateException("fails on purpose");
        }
    }

    static class KeepFailed {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql")
                .keepFailed(true).build();

        @Test
        void fails(Connection c) throws SQLException {
            try (var st = c.createStatement()) {
                st.execute("delete from item");
            }
            throw new AssertionError("the count is wrong");
        }

        @Test
        void passes(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("101");
        }
    }
}
