package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.PermissionDeniedException;
import dev.foldout.ServerUnreachableException;
import dev.foldout.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** A server that does not answer and a role without CREATEDB are reported before any test runs. */
class BadInputIT {
    static final String ROLE = TestPostgres.uniqueName("fld_nocreatedb");

    @Test
    void anUnreachableServerIsNamedBeforeAnyTest() {
        Throwable t = classFailure(Kit.run(Unreachable.class));
        assertThat(t).isInstanceOf(ServerUnreachableException.class)
                .hasMessageContaining("foldout-junit5 cannot reach PostgreSQL at 127.0.0.1:9")
                .hasMessageContaining("the extension's url").hasMessageNotContaining("secret");
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
