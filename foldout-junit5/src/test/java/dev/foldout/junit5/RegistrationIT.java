package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Which configuration serves a class: the nearest declared one. Two on one class are refused; a @Nested class with
 * its own serves its tests with it.
 */
class RegistrationIT {

    @Test
    void twoConfigurationsOnOneClassAreRefusedBeforeAnyTest() {
        System.setProperty("foldout.junit.url", Kit.url());
        try {
            EngineExecutionResults r = Kit.run(AnnotatedAndRegistered.class);
            r.testEvents().assertStatistics(s -> s.started(0));
            Throwable t = r.containerEvents().failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow();
            assertThat(t).isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessage(AnnotatedAndRegistered.class.getName() + " has 2 foldout-junit5 configurations "
                            + "(@FoldoutTest, @RegisterExtension field AnnotatedAndRegistered.db): keep one - a @Nested "
                            + "class may declare its own, which then serves its tests in place of the enclosing class's");
        } finally {
            System.clearProperty("foldout.junit.url");
        }
        assertThat(Kit.databases("fld_t_")).as("no branch escaped").isEmpty();
    }

    @Test
    void aNestedClassWithItsOwnConfigurationIsServedByIt() {
        System.setProperty("foldout.junit.url", Kit.url());
        try {
            var results = Kit.run(OuterRegistered.class, OuterAnnotated.class);
            assertThat(results.allEvents().failed().list()).as("failures").extracting(e -> e.getPayload(
                    TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).map(Throwable::toString)
                    .orElse("?")).isEmpty();
            results.testEvents().assertStatistics(s -> s.started(4).succeeded(4));
        } finally {
            System.clearProperty("foldout.junit.url");
        }
        assertThat(Kit.databases("fld_t_")).isEmpty();
    }

    @FoldoutTest(seed = "db/schema.sql")
    static class AnnotatedAndRegistered {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql", "db/more.sql").build();

        @Test
        void neverRuns() {
            throw new AssertionError("ran with two configurations");
        }
    }

    static class OuterRegistered {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql").build();

        @Test
        void getsTheOuterSeed(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("101");
        }

        @Nested
        class WithItsOwn {
            @RegisterExtension
            static FoldoutExtension own = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql", "db/more.sql")
                    .build();

            @Test
            void getsItsOwnSeed(Connection c) throws SQLException {
                assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("102");
            }
        }
    }

    @FoldoutTest(seed = "db/schema.sql")
    static class OuterAnnotated {
        @Test
        void getsTheOuterSeed(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("101");
        }

        @Nested
        @FoldoutTest(seed = {"db/schema.sql", "db/more.sql"})
        class WithItsOwn {
            @Test
            void getsItsOwnSeed(Connection c) throws SQLException {
                assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("102");
            }
        }
    }
}
