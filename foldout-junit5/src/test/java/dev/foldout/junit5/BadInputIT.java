package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.NotFoundException;
import dev.foldout.PermissionDeniedException;
import dev.foldout.ServerUnreachableException;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A server that does not answer, a refused login, a missing database and a role without CREATEDB are reported
 * before any test runs, in one line that names the server, where its URL came from and the fix for a test run.
 */
class BadInputIT {
    static final String ROLE = TestPostgres.uniqueName("fld_nocreatedb");
    static final String LOGIN = TestPostgres.uniqueName("fld_login");

    @Test
    void anUnreachableServerIsNamedBeforeAnyTest() {
        Throwable t = classFailure(Kit.run(Unreachable.class));
        assertThat(t).isInstanceOf(ServerUnreachableException.class)
                .hasMessageStartingWith("foldout-junit5 cannot reach PostgreSQL at postgresql://nobody:***@127.0.0.1:9/postgres "
                        + "(url from url(...) of FoldoutExtension.builder()): Connection to 127.0.0.1:9 refused")
                .hasMessageEndingWith("- start the server, or fix url(...) of FoldoutExtension.builder()")
                .hasMessageNotContaining("secret");
        assertOneLineForTests(t);
    }

    @Test
    void anUnreachableServerNamesWhereItsUrlCameFrom() {
        Throwable annotated = classFailure(Kit.run(UnreachableByAnnotation.class));
        assertThat(annotated).isInstanceOf(ServerUnreachableException.class)
                .hasMessageContaining("(url from @FoldoutTest(url) on UnreachableByAnnotation)")
                .hasMessageEndingWith("fix @FoldoutTest(url) on UnreachableByAnnotation");
        assertOneLineForTests(annotated);
        System.setProperty("foldout.junit.url", "postgresql://nobody:secret@127.0.0.1:9/postgres");
        try {
            Throwable t = classFailure(Kit.run(FromElsewhere.class));
            assertThat(t).isInstanceOf(ServerUnreachableException.class)
                    .hasMessageContaining("(url from -Dfoldout.junit.url)").hasMessageEndingWith("fix -Dfoldout.junit.url")
                    .hasMessageNotContaining("secret");
            assertOneLineForTests(t);
        } finally {
            System.clearProperty("foldout.junit.url");
        }
    }

    @Test
    void aWrongPasswordIsALoginFailureNamedAsSuch() {
        TestPostgres.exec("postgres", "create role " + LOGIN + " login password 'right' createdb");
        try {
            Throwable t = classFailure(Kit.run(WrongPassword.class));
            assertThat(t).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageStartingWith("foldout-junit5 cannot log in to PostgreSQL at postgresql://" + LOGIN + ":***@")
                    .hasMessageContaining("(url from url(...) of FoldoutExtension.builder())")
                    .hasMessageContaining("password authentication failed for user \"" + LOGIN + "\"")
                    .hasMessageEndingWith("- fix url(...) of FoldoutExtension.builder() with a user and password the server accepts")
                    .hasMessageNotContaining("wrong");
            assertOneLineForTests(t);
        } finally {
            TestPostgres.exec("postgres", "drop role " + LOGIN);
        }
    }

    @Test
    void aMissingDatabaseIsNamed() {
        Throwable t = classFailure(Kit.run(MissingDatabase.class));
        assertThat(t).isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("foldout-junit5 cannot log in to database \"fld_no_such_database\" of PostgreSQL at ")
                .hasMessageContaining("it does not exist - fix url(...) of FoldoutExtension.builder() to name one that exists");
        assertOneLineForTests(t);
    }

    @Test
    void aRoleWithoutCreateDbIsNamedBeforeAnyTest() {
        TestPostgres.exec("postgres", "create role " + ROLE + " login password 'pw' nocreatedb");
        try {
            Throwable t = classFailure(Kit.run(NoCreateDb.class));
            assertThat(t).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("role '" + ROLE + "'").hasMessageContaining("lacks CREATEDB")
                    .hasMessageContaining("ALTER ROLE \"" + ROLE + "\" CREATEDB");
        } finally {
            TestPostgres.exec("postgres", "drop role " + ROLE);
        }
    }

    /** One line, each phrase once, and no advice meant for the command line. */
    private static void assertOneLineForTests(Throwable t) {
        String m = t.getMessage();
        assertThat(m).doesNotContain("\n").doesNotContain("--url").doesNotContain("FLD_DATABASE");
        assertThat(m.split("PostgreSQL at ", -1)).as("the server is named once").hasSize(2);
    }

    private static Throwable classFailure(EngineExecutionResults r) {
        r.testEvents().assertStatistics(s -> s.started(0));
        return r.containerEvents().failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    static class Unreachable {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder()
                .url("jdbc:postgresql://127.0.0.1:9/postgres?user=nobody&password=secret").build();

        @Test
        void neverRuns() {
            throw new AssertionError("ran without a server");
        }
    }

    @FoldoutTest(url = "jdbc:postgresql://127.0.0.1:9/postgres?user=nobody&password=secret")
    static class UnreachableByAnnotation {
        @Test
        void neverRuns() {
            throw new AssertionError("ran without a server");
        }
    }

    @FoldoutTest
    static class FromElsewhere {
        @Test
        void neverRuns() {
            throw new AssertionError("ran without a server");
        }
    }

    static class MissingDatabase {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(TestPostgres.url("fld_no_such_database")
                .jdbcUrlWithCredentials()).build();

        @Test
        void neverRuns() {
            throw new AssertionError("ran without its database");
        }
    }

    static class WrongPassword {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(TestPostgres.url("postgres").jdbcUrl() + "?user="
                + LOGIN + "&password=wrong").build();

        @Test
        void neverRuns() {
            throw new AssertionError("ran without logging in");
        }
    }

    static class NoCreateDb {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder()
                .url(TestPostgres.url("postgres").withDatabase("postgres").jdbcUrl() + "?user=" + ROLE + "&password=pw")
                .build();

        @Test
        void neverRuns() {
            throw new AssertionError("ran without CREATEDB");
        }
    }
}
