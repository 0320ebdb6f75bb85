package dev.foldout.junit5.run;

import dev.foldout.ConnectionUrl;
import dev.foldout.junit5.Seeder;
import dev.foldout.junit5.internal.ExtensionConfig;
import dev.foldout.junit5.internal.RunState;
import dev.foldout.junit5.Scope;
import dev.foldout.junit5.internal.SeedSpec;
import dev.foldout.junit5.internal.TestBranch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * One seeded database and its pool of branches on one server, shared by every test of this JVM that asks for the
 * same server, seed and pool size: the seed is built (or found, by its key) on first use, branches of it are made
 * ahead, and each test leases one and gives it back. The runs are closed (their branches dropped) when the JVM exits.
 */
public final class TestRun {
    /** How long {@link #lease} waits for a branch unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = ExtensionConfig.DEFAULT_BRANCH_TIMEOUT;

    private static final Map<String, TestRun> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.values().forEach(r -> r.state.close()),
                "foldout-junit5-runs"));
    }

    private final RunState state;

    private TestRun(RunState state) {
        this.state = state;
    }

    /**
     * The run for this configuration, opened on first use.
     *
     * @param url        the server (a JDBC URL or libpq URI); empty: foldout-junit5's default (its settings, else the
     *                   embedded PostgreSQL)
     * @param urlOrigin  where {@code url} came from, for messages (e.g. "@FoldoutDatabase(url) on MyTest")
     * @param scripts    SQL scripts that build the seed, on the class path, in order
     * @param seeder     what builds the seed after the scripts (Flyway, Liquibase, code), if anything
     * @param poolSize   how many branches are made ahead (1 to 32)
     */
    public static TestRun shared(Optional<String> url, String urlOrigin, List<String> scripts, Optional<Seeder> seeder,
                                 int poolSize) {
        ExtensionConfig config = new ExtensionConfig(Objects.requireNonNull(url, "url"), urlOrigin,
                new SeedSpec(scripts, seeder, ""), Scope.PER_TEST, poolSize, false, DEFAULT_TIMEOUT);
        return OPEN.computeIfAbsent(config.runKey(), k -> new TestRun(RunState.open(config)));
    }

    /** Where the seed database is, with the run's credentials (to point a framework's settings at it). */
    public ConnectionUrl seedUrl() {
        return state.seedUrl();
    }

    /** A branch of the seed for one test, waiting at most {@code timeout} for the pool; give it back with {@link Lease#close}. */
    public Lease lease(Duration timeout) {
        return new Lease(this, state.take(timeout));
    }

    /** A branch leased to one test. */
    public static final class Lease implements AutoCloseable {
        private final TestRun run;
        private final TestBranch branch;
        private boolean returned;

        private Lease(TestRun run, TestBranch branch) {
            this.run = run;
            this.branch = branch;
        }

        /** The branch's name. */
        public String name() {
            return branch.name();
        }

        /** A data source on the branch (its connections are closed when the lease is given back). */
        public DataSource dataSource() {
            return branch.dataSource();
        }

        /** Gives the branch back: it is dropped (or undone) and its connections closed. Idempotent. */
        @Override
        public synchronized void close() {
            if (!returned) {
                returned = true;
                run.state.release(branch, false);
            }
        }
    }
}
