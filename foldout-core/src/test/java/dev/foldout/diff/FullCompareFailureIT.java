package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import dev.foldout.Locator;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A full compare reads both sides ahead on threads of their own. When a side's server session dies half-way (here
 * terminated by an administrator while its stream is being read), the diff ends at once with a one-line error, no
 * reader thread is left waiting, and the next diff of the same branch works.
 */
class FullCompareFailureIT {
    @Test
    void aSideKilledHalfWayEndsTheDiffCleanlyAndTheNextDiffWorks() throws Exception {
        String parent = TestPostgres.uniqueName("fcf");
        String branch = TestPostgres.uniqueName("fcfb");
        TestPostgres.exec("postgres", "create database " + parent);
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            TestPostgres.exec(parent, "create table t(id bigint primary key, v text)",
                    "insert into t select g, repeat('x', 200) from generate_series(1, 400000) g");
            Branch b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true).withBase(false));
            TestPostgres.exec(branch, "update t set v = 'changed' where id % 1000 = 0");
            DiffOptions full = DiffOptions.DEFAULTS.withLocator(Locator.FULL_COMPARE);
            CompletableFuture<Integer> killer = CompletableFuture.supplyAsync(() -> killStreamOf(branch));
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> b.writeDiff(Writer.nullWriter(), DiffFormat.SQL, full))
                    .isInstanceOf(FoldoutException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(branch).contains("terminat"));
            assertThat(killer.get(30, TimeUnit.SECONDS)).as("the stream's session was found and terminated").isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
            assertThat(readerThreadsBusy()).as("reader threads still reading after the failure").isZero();

            Diff again = b.diff(full);
            assertThat(again.tables().get(0).updates()).isEqualTo(400);
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }

    /** Waits for the full compare's stream on {@code database} and terminates its session; 1 when it did. */
    private static int killStreamOf(String database) {
        for (int i = 0; i < 2_000; i++) {
            String killed = TestPostgres.query("postgres", "select count(pg_terminate_backend(pid)) from pg_stat_activity "
                    + "where datname = '" + database + "' and query like '%hashtextextended%' and state = 'active'");
            if (!"0".equals(killed)) {
                return Integer.parseInt(killed);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }

    /** Foldout's side-reader threads that are runnable (reading), a moment after the failure. */
    private static long readerThreadsBusy() throws InterruptedException {
        Thread.sleep(500);
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("foldout-side-reader") && t.getState() == Thread.State.RUNNABLE)
                .count();
    }
}
