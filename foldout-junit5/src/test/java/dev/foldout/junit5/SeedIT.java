package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** The seed: built once and reused across runs, rebuilt when its inputs change, never kept when it fails. */
class SeedIT {
    static final AtomicInteger BUILDS = new AtomicInteger();
    static final String VERSION = "v-" + System.nanoTime();

    @Test
    void anUnchangedSeedIsBuiltOnceAndReusedByTheNextRun() {
        BUILDS.set(0);
        Kit.run(CountingSeeder.class).testEvents().assertStatistics(s -> s.succeeded(1));
        Kit.run(CountingSeeder.class).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(BUILDS).as("two runs with the same inputs build the seed once").hasValue(1);

        Kit.run(ChangedSeeder.class).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(BUILDS).as("a new seeder version builds a new seed").hasValue(2);
        assertThat(Kit.databases("fld_seedtmp_")).isEmpty();
    }

    @Test
    void twoSeedersWithTheSameScriptsAndVersionGetSeedsOfTheirOwn() {
        System.setProperty("foldout.junit.url", Kit.url());
        try {
            Kit.run(SeededByA.class, SeededByB.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        } finally {
            System.clearProperty("foldout.junit.url");
        }
    }

    @Test
    void aFailingScriptNamesItselfAndItsLineAndLeavesNoSeed() {
        for (int run = 0; run < 2; run++) {
            EngineExecutionResults r = Kit.run(BrokenSeed.class);
            r.testEvents().assertStatistics(s -> s.started(0));
            Event failed = r.containerEvents().failed().list().get(0);
            Throwable t = failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow();
            assertThat(t).isInstanceOf(SeedFailedException.class)
                    .hasMessageContaining("seed script db/broken.sql failed at line 7")
                    .hasMessageContaining("VALUES lists must all be the same length")
                    .hasMessageContaining("no seed was kept");
        }
        assertThat(Kit.databases("fld_seedtmp_")).as("the half-built seed is dropped").isEmpty();
        for (String seed : Kit.databases("fld_seed_")) {
            try (Connection c = dev.foldout.testing.TestPostgres.connect(seed)) {
                assertThat(Kit.query(c, "select count(*) from pg_class where relname = 'broken_seed'")).isEqualTo("0");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aFailingSeederLeavesNoSeedEither() {
        EngineExecutionResults r = Kit.run(Map.of(), FailingSeeder.class);
        r.testEvents().assertStatistics(s -> s.started(0));
        Throwable t = r.containerEvents().failed().list().get(0)
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(t).isInstanceOf(SeedFailedException.class).hasMessageContaining("the seeder")
                .hasMessageContaining("migration V2 failed");
        assertThat(Kit.databases("fld_seedtmp_")).isEmpty();
    }

    static FoldoutExtension counting(String version) {
        return FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql").seed(version, ds -> {
            BUILDS.incrementAndGet();
            try (Connection c = ds.getConnection(); var st = c.createStatement()) {
                st.execute("insert into item values (3000, 'from the seeder')");
            }
            ds.getConnection(); // left open: the extension closes it before renaming the seed
        }).build();
    }

    /** A seeder that inserts one row named {@code name}. */
    static Seeder inserting(String name) {
        return ds -> {
            try (Connection c = ds.getConnection(); var st = c.prepareStatement("insert into item values (6000, ?)")) {
                st.setString(1, name);
                st.executeUpdate();
            }
        };
    }

    /** Inserts row 6000 named a. */
    public static class InsertsA implements Seeder {
        @Override
        public void seed(DataSource ds) throws Exception {
            inserting("a").seed(ds);
        }
    }

    /** Inserts row 6000 named b: the same scripts and version as {@link InsertsA}, another seeder. */
    public static class InsertsB implements Seeder {
        @Override
        public void seed(DataSource ds) throws Exception {
            inserting("b").seed(ds);
        }
    }

    @FoldoutTest(seed = "db/schema.sql", seeder = InsertsA.class, seederVersion = "same")
    static class SeededByA {
        @Test
        void seesItsOwnSeedersRow(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select name from item where id = 6000")).isEqualTo("a");
        }
    }

    @FoldoutTest(seed = "db/schema.sql", seeder = InsertsB.class, seederVersion = "same")
    static class SeededByB {
        @Test
        void seesItsOwnSeedersRow(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select name from item where id = 6000")).isEqualTo("b");
        }
    }

    static class ChangedSeeder {
        @RegisterExtension
        static FoldoutExtension db = counting(VERSION + "-changed");

        @Test
        void runs() {
        }
    }

    static class CountingSeeder {
        @RegisterExtension
        static FoldoutExtension db = counting(VERSION);

        @Test
        void seesWhatTheScriptsAndTheSeederMade(DataSource ds) throws SQLException {
            try (Connection c = ds.getConnection()) {
                assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("102");
            }
        }
    }

    static class BrokenSeed {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql", "db/broken.sql")
                .build();

        @Test
        void neverRuns() {
            throw new AssertionError("a test ran on a broken seed");
        }
    }

    static class FailingSeeder {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seed("fails-" + System.nanoTime(), ds -> {
            throw new IllegalStateException("migration V2 failed");
        }).build();

        @Test
        void neverRuns() {
            throw new AssertionError("a test ran on a failed seed");
        }
    }
}
