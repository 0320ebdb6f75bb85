package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Foldout;
import dev.foldout.testing.TestFoldout;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.TestAbortedException;

/** keepFailed: failures in lifecycle methods keep the branch and say so; aborted tests keep nothing. */
class KeepFailedIT {
    /** Test method name to the branch it got. */
    static final Map<String, String> BRANCHES = new ConcurrentHashMap<>();

    @Test
    void failuresInBeforeEachAndAfterEachKeepTheBranchAndCarryTheNotice() {
        BRANCHES.clear();
        EngineExecutionResults r = Kit.run(LifecycleFailures.class);
        r.testEvents().assertStatistics(s -> s.started(2).failed(2));
        List<String> kept = Kit.databases("fld_t_");
        try {
            assertThat(kept).containsExactlyInAnyOrder(BRANCHES.get("failsInBeforeEach"), BRANCHES.get("failsInAfterEach"));
            for (Event e : r.testEvents().failed().list()) {
                Throwable failure = e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
                String method = e.getTestDescriptor().getLegacyReportingName().replace("()", "");
                assertThat(failure).hasMessageStartingWith("fails in @");
                assertThat(failure.getSuppressed()).hasSize(1);
                assertThat(failure.getSuppressed()[0].getMessage())
                        .startsWith("foldout-junit5 keeps this test's branch " + BRANCHES.get(method) + " for inspection")
                        .contains("foldout delete-branch " + BRANCHES.get(method));
            }
        } finally {
            deleteKept(kept);
        }
    }

    @Test
    void withPerClassAFailingBeforeAllKeepsTheClassesBranchAndSaysSo() {
        BRANCHES.clear();
        EngineExecutionResults r = Kit.run(PerClassBeforeAllFails.class);
        r.testEvents().assertStatistics(s -> s.started(0));
        List<String> kept = Kit.databases("fld_t_");
        try {
            assertThat(kept).containsExactly(BRANCHES.get("beforeAll"));
            Throwable failure = r.containerEvents().failed().list().get(0).getPayload(TestExecutionResult.class)
                    .orElseThrow().getThrowable().orElseThrow();
            assertThat(failure).hasMessage("fails in @BeforeAll");
            assertThat(failure.getSuppressed()).hasSize(1);
            assertThat(failure.getSuppressed()[0].getMessage())
                    .startsWith("foldout-junit5 keeps this class's branch " + kept.get(0) + " for inspection");
        } finally {
            deleteKept(kept);
        }
    }

    @Test
    void abortedTestsAreNotFailuresAndKeepNothing() {
        BRANCHES.clear();
        EngineExecutionResults r = Kit.run(Aborted.class);
        r.testEvents().assertStatistics(s -> s.started(2).aborted(2));
        assertThat(BRANCHES).as("both tests had a branch").hasSize(2);
        for (Event e : r.testEvents().aborted().list()) {
            Throwable abort = e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
            assertThat(abort.getSuppressed()).as("no notice on an aborted test").isEmpty();
        }
        List<String> kept = Kit.databases("fld_t_");
        deleteKept(kept);
        assertThat(kept).as("an aborted test's branch is dropped like a passed one's").isEmpty();
    }

    private static void deleteKept(List<String> kept) {
        try (Foldout fld = TestFoldout.connect("postgres", "")) {
            for (String name : kept) {
                fld.getBranch(name).delete(true);
            }
        }
    }

    static class LifecycleFailures {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql")
                .keepFailed(true).build();

        @BeforeEach
        void before(Connection c, TestInfo info) throws SQLException {
            BRANCHES.put(info.getTestMethod().orElseThrow().getName(), Kit.query(c, "select current_database()"));
            if (info.getTestMethod().orElseThrow().getName().equals("failsInBeforeEach")) {
                throw new IllegalStateException("fails in @BeforeEach");
            }
        }

        @AfterEach
        void after(TestInfo info) {
            if (info.getTestMethod().orElseThrow().getName().equals("failsInAfterEach")) {
                throw new AssertionError("fails in @AfterEach");
            }
        }

        @Test
        void failsInBeforeEach() {
        }

        @Test
        void failsInAfterEach() {
        }
    }

    static class PerClassBeforeAllFails {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql")
                .scope(Scope.PER_CLASS).keepFailed(true).build();

        @BeforeAll
        static void before(Connection c) throws SQLException {
            BRANCHES.put("beforeAll", Kit.query(c, "select current_database()"));
            throw new IllegalStateException("fails in @BeforeAll");
        }

        @Test
        void neverRuns() {
            throw new AssertionError("ran after a failed @BeforeAll");
        }
    }

    /**
     * A fixture, run by {@link #abortedTestsAreNotFailuresAndKeepNothing} through the JUnit launcher, whose two tests
     * abort on purpose (one in {@code @BeforeEach}, one by an assumption): that an abort keeps no branch is what is tested.
     */
    static class Aborted {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url()).seedScripts("db/schema.sql")
                .keepFailed(true).build();

        @BeforeEach
        void before(Connection c, TestInfo info) throws SQLException {
            BRANCHES.put(info.getTestMethod().orElseThrow().getName(), Kit.query(c, "select current_database()"));
            if (info.getTestMethod().orElseThrow().getName().equals("abortsInBeforeEach")) {
                throw new TestAbortedException("not on this machine");
            }
        }

        @Test
        void abortsInBeforeEach() {
        }

        @Test
        void abortsByAssumption() {
            Assumptions.assumeTrue(false, "needs something this run lacks");
        }
    }
}
