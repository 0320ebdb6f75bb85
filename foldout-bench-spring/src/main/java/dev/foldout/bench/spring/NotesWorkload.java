package dev.foldout.bench.spring;

import dev.foldout.bench.spring.app.Note;
import dev.foldout.bench.spring.app.Notes;
import dev.foldout.bench.spring.app.NotesBenchApplication;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The measured Spring Boot test class: {@code bench.tests} tests (200 unless told) that each write to the application's
 * database through its repository. The two tools' subclasses add only their annotation. The seed's size is chosen by
 * the system property {@code bench.seed} ({@code 10mb} or {@code 1gb}): it names the Flyway location that fills the
 * table, beside the schema's, and both tools build their seed from the context's {@code spring.flyway.locations}.
 *
 * <p>Kept under src/main and named so that no surefire or failsafe pattern matches it: only {@link WorkloadRun}
 * launches it.
 */
@SpringBootTest(classes = NotesBenchApplication.class, properties = {
    "spring.flyway.locations=classpath:db/migration,classpath:db/seed-${bench.seed:10mb}",
    "spring.main.banner-mode=off"})
public abstract class NotesWorkload {
    /** Report entry key: when the test method's body started and ended, {@link System#nanoTime()} values. */
    static final String BODY_NANOS = "bench.body.nanos";
    /** Report entry key: what the first test saw of its server. */
    static final String SERVER = "bench.server";
    /** The tests rewrite notes among the first this many, which every seed holds. */
    private static final long ROWS_TOUCHED = 30_000;

    @Autowired
    Notes notes;

    /** For the two tools' subclasses. */
    protected NotesWorkload() {
    }

    /** The tests' numbers: {@code bench.tests} of them. */
    static IntStream tests() {
        return IntStream.range(0, Integer.getInteger("bench.tests", 200));
    }

    /**
     * One test: adds the note with key 0 (every test adds it, so a row left by another test fails this one), rewrites
     * one seed note, reads it back with its neighbours and checks that it sees its own two writes and no other test's;
     * then, with {@code bench.work.ms} set, waits that long in the server as a test's own work would.
     */
    @ParameterizedTest(name = "test {0}")
    @MethodSource("tests")
    void writeRewriteRead(int test, TestReporter reporter) {
        long t0 = System.nanoTime();
        long row = 3 + (long) test * 7919 % ROWS_TOUCHED;
        String mark = "test " + test;
        notes.add(0, "bench", mark);
        if (notes.rewrite(row, mark) != 1) {
            throw new AssertionError(mark + ": seed note " + row + " is missing");
        }
        List<Note> near = notes.between(row - 2, row + 2);
        if (near.size() != 5 || !near.get(2).body().equals(mark)) {
            throw new AssertionError(mark + ": read " + near.size() + " notes around " + row + ", not the 5 expected");
        }
        long written = notes.countStartingWith("test ", row - 2, row + 2);
        if (written != 2) {
            throw new AssertionError(mark + " saw " + written + " notes written by tests, not its own 2");
        }
        int workMs = Integer.getInteger("bench.work.ms", 0);
        if (workMs > 0) {
            notes.work(workMs);
        }
        reporter.publishEntry(BODY_NANOS, t0 + " " + System.nanoTime());
        if (test == 0) {
            reporter.publishEntry(SERVER, notes.serverFacts());
        }
    }
}
