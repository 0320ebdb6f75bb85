package dev.foldout.junit5.internal;

import dev.foldout.Branch;
import dev.foldout.ConnectionUrl;
import dev.foldout.CopyOptions;
import dev.foldout.Database;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.FoldoutException;
import dev.foldout.PermissionDeniedException;
import dev.foldout.Identifiers;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one configuration shares for a whole test run: the Foldout session, the run's owner lock, the seed
 * database and the branch pool. Made once per run (JUnit's root context) and closed at its end, which drops
 * every branch the run made except those kept on purpose.
 */
public final class RunState implements AutoCloseable {
    /**
     * Used branches are undone in place unless more rows than this changed: a rewind takes milliseconds whatever the
     * seed's size, where a copy is a CREATE DATABASE (a whole file copy without clones) (docs/junit5.md).
     */
    static final long DEFAULT_UNDO_ROWS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(RunState.class);

    private final Foldout fld;
    private final ConnectionUrl url;
    private final RunOwner owner;
    private final String seed;
    private final BranchPool pool;
    private final List<Database> copies;

    private RunState(Foldout fld, ConnectionUrl url, RunOwner owner, String seed, BranchPool pool, List<Database> copies) {
        this.copies = List.copyOf(copies);
        this.fld = fld;
        this.url = url;
        this.owner = owner;
        this.seed = seed;
        this.pool = pool;
    }

    /**
     * Connects, checks the role, takes the run's lock, drops what killed runs left, finds or builds the seed and
     * starts the pool. Fails with one message naming the server, where its URL came from, and the fix when the
     * server cannot be reached, refuses the login, or the role lacks CREATEDB.
     */
    public static RunState open(ExtensionConfig config) {
        ServerChoice server = ServerChoice.of(config);
        ConnectionUrl url = server.url();
        FoldoutConfig fc = FoldoutConfig.builder().url(url).build();
        Connections conns = new Connections(url);
        try (Connection check = connect(conns, server, url.database())) {
            requireCreateDb(check, url);
        } catch (SQLException e) {
            throw StartFailure.during(new FoldoutException("foldout-junit5 could not check the role on " + url.address()
                    + ": " + StartFailure.firstLine(e.getMessage()), e), server);
        }
        Foldout fld = null;
        RunOwner owner = null;
        try {
            try {
                fld = Foldout.connect(fc);
            } catch (RuntimeException e) {
                throw StartFailure.connecting(e, server, dev.foldout.Foldout.CATALOG_DATABASE);
            }
            // advisory locks are per database: every run on this server takes its lock in the catalog's database,
            // whatever database its URL names, so that each sees the others
            owner = RunOwner.start(connect(conns, server, dev.foldout.Foldout.CATALOG_DATABASE));
            Leftovers.clean(fld, owner);
            String seed = SeedDatabase.ensure(fld, conns, config.seed(), owner.id());
            String who = "foldout-junit5 run " + owner.id() + ", pid " + ProcessHandle.current().pid() + " on " + host();
            String prefix = Leftovers.BRANCH_PREFIX + owner.id() + "_";
            List<Database> sources = new ArrayList<>(List.of(fld.getDatabase(seed)));
            long undoRows = undoRows();
            if (config.poolSize() > 1 && undoRows == 0) { // used branches undone in place are seldom copied again
                sources.add(fld.getDatabase(fld.getDatabase(seed).branch(prefix + "source",
                        CopyOptions.DEFAULTS.withBase(false).withMessage(who + ": a second source of branches")).name()));
            }
            BranchPool pool = new BranchPool(seed, BranchPool.sources(sources, who), prefix, config.poolSize(),
                    undoRows).start();
            LOG.info("foldout-junit5 run {} on {}: seed {}, pool of up to {} branch(es){}", owner.id(), url.address(), seed,
                    config.poolSize(), undoRows == 0 ? ", a new one for each test"
                            : ", each undone in place after its test (up to " + undoRows + " changed rows)");
            return new RunState(fld, url, owner, seed, pool, sources.subList(1, sources.size()));
        } catch (SQLException | RuntimeException e) {
            if (fld != null) {
                fld.close();
            }
            if (owner != null) {
                owner.close();
            }
            if (e instanceof SQLException s) {
                throw StartFailure.during(new FoldoutException("foldout-junit5 could not prepare its run on "
                        + url.address() + ": " + StartFailure.firstLine(s.getMessage()), s), server);
            }
            throw StartFailure.during((RuntimeException) e, server);
        }
    }

    /**
     * Up to how many changed rows a used branch is undone in place and handed to the next test rather than replaced by
     * a new copy: the system property {@code foldout.junit.undoRows}, else {@value #DEFAULT_UNDO_ROWS} ({@code 0}: always
     * a new copy).
     */
    static long undoRows() {
        String set = System.getProperty("foldout.junit.undoRows");
        if (set == null || set.isBlank()) {
            return DEFAULT_UNDO_ROWS;
        }
        try {
            long rows = Long.parseLong(set.strip());
            if (rows >= 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("foldout.junit.undoRows is '" + set + "': give a number of rows (0 makes a new "
                + "branch for every test)");
    }

    private static Connection connect(Connections conns, ServerChoice server, String database) {
        try {
            return conns.open(database);
        } catch (RuntimeException e) {
            throw StartFailure.connecting(e, server, database);
        }
    }

    private static void requireCreateDb(Connection c, ConnectionUrl url) throws SQLException {
        boolean ok = Sql.first(c, "select rolcreatedb or rolsuper from pg_roles where rolname = current_user",
                rs -> rs.getBoolean(1)).orElse(false);
        if (!ok) {
            String role = Sql.first(c, "select current_user::text", rs -> rs.getString(1)).orElseThrow();
            throw new PermissionDeniedException("role '" + role + "' on " + url.address() + " lacks CREATEDB, which "
                    + "foldout-junit5 needs to build the seed and branch it for each test: run ALTER ROLE "
                    + Identifiers.quote(role) + " CREATEDB as a superuser, or give the extension another role");
        }
    }

    /** Where the seed database is, with the run's credentials (to point a framework's settings at it). */
    public ConnectionUrl seedUrl() {
        return url.withDatabase(seed);
    }

    /** The next branch for a test, waiting only if the pool has none ready, and at most {@code timeout}. */
    public TestBranch take(Duration timeout) {
        long t0 = System.nanoTime();
        BranchPool.Ready r = pool.take(timeout);
        return new TestBranch(r.branch(), r.warm(), url, System.nanoTime() - t0);
    }

    /**
     * Closes the connections handed out on {@code tb}, then drops it in the background - or, with {@code keep},
     * marks it kept (so no later run drops it) and leaves it.
     */
    public void release(TestBranch tb, boolean keep) {
        tb.closeConnections();
        if (!keep) {
            pool.giveBack(tb.ready());
            return;
        }
        pool.keep(tb.ready());
        try {
            markKept(tb);
        } catch (SQLException e) {
            LOG.warn("could not mark branch {} as kept ({}); a later run may drop it", tb.name(), e.getMessage());
        }
    }

    private void markKept(TestBranch tb) throws SQLException {
        synchronized (owner) {
            Sql.execute(owner.connection(), "comment on database " + Identifiers.quote(tb.name()) + " is '"
                    + Leftovers.KEPT_MARK + " after a failed test of run " + owner.id() + "'");
        }
    }

    /** The seed database's name. */
    public String seed() {
        return seed;
    }

    /** This run's id, as it appears in its branch names. */
    public String runId() {
        return owner.id();
    }

    /** Drops the branches nobody took, waits for every drop, and ends the session and the run's lock. */
    @Override
    public void close() {
        try {
            pool.close();
            for (Database copy : copies) {
                fld.getBranch(copy.name()).delete(true);
            }
        } finally {
            fld.close();
            owner.close();
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown host";
        }
    }
}
