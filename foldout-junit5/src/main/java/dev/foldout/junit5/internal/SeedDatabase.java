package dev.foldout.junit5.internal;

import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import dev.foldout.NameConflictException;
import dev.foldout.Identifiers;
import dev.foldout.junit5.SeedFailedException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds or builds the seed database {@code fld_seed_<key>}. A seed is built under a temporary name
 * ({@code fld_seedtmp_<run>_<n>}) and renamed only once every script and the seeder succeeded, so a seed under
 * its final name is always complete; a failed build is dropped, and one left by a killed run is dropped by
 * {@link Leftovers}.
 */
public final class SeedDatabase {
    /** Prefix of every seed database. */
    public static final String PREFIX = "fld_seed_";
    /** Prefix of seeds being built. */
    public static final String TEMP_PREFIX = "fld_seedtmp_";
    private static final Logger LOG = LoggerFactory.getLogger(SeedDatabase.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private SeedDatabase() {
    }

    /**
     * The name of the seed database for {@code spec}, building it first when the server has none - on a copy of the
     * seed below it, itself found or built first, when {@code spec} is a layer.
     */
    public static String ensure(Foldout fld, Connections conns, SeedSpec spec, String runId) {
        String name = PREFIX + spec.key();
        if (exists(conns, name)) {
            LOG.info("reusing seed database {} (its scripts and seeder version are unchanged)", name);
            return name;
        }
        String below = spec.below().isPresent() ? ensure(fld, conns, spec.below().get(), runId) : null;
        String temp = TEMP_PREFIX + runId + "_" + COUNTER.incrementAndGet();
        long t0 = System.nanoTime();
        if (below == null) {
            fld.createDatabase(temp);
        } else {
            SeedLayers.copy(conns, below, temp);
        }
        try {
            fill(conns, temp, spec);
            rename(conns, temp, name);
        } catch (RuntimeException e) {
            dropQuietly(fld, temp, e);
            if (e instanceof NameConflictException && exists(conns, name)) {
                LOG.info("seed database {} was built meanwhile by another run; using it", name);
                return name;
            }
            throw e;
        }
        LOG.info("built seed database {}{} in {} ms", name, below == null ? "" : " on " + below,
                (System.nanoTime() - t0) / 1_000_000);
        return name;
    }

    private static boolean exists(Connections conns, String name) {
        try (Connection c = conns.open(conns.url().database())) {
            return Sql.first(c, "select 1 from pg_database where datname = ?", rs -> true, name).isPresent();
        } catch (SQLException e) {
            throw new FoldoutException("cannot look for seed database " + name + " on " + conns.address() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void fill(Connections conns, String temp, SeedSpec spec) {
        for (Map.Entry<String, byte[]> script : spec.load().entrySet()) {
            runScript(conns, temp, script.getKey(), new String(script.getValue(), StandardCharsets.UTF_8));
        }
        if (spec.seeder().isPresent()) {
            try (TrackedDataSource ds = new TrackedDataSource(() -> conns.open(temp),
                    conns.url().withDatabase(temp).jdbcUrl())) {
                spec.seeder().get().seed(ds);
            } catch (Exception e) {
                throw new SeedFailedException("the seeder " + label(spec.seeder().get()) + (spec.seederVersion().isBlank() ? ""
                        : " (version " + spec.seederVersion() + ")") + " failed: " + oneLine(e) + " - fix it; no seed was kept",
                        e);
            }
        }
    }

    /** A seeder's own description (the migration seeders say what they run), else its class's name. */
    private static String label(dev.foldout.junit5.Seeder seeder) {
        String text = seeder.toString();
        return text.startsWith(seeder.getClass().getName() + "@") ? seeder.getClass().getName() : text;
    }

    /** An exception as one line: its class and the first line of its message, and its cause's when it has one. */
    private static String oneLine(Throwable e) {
        String first = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        Throwable cause = e.getCause();
        return cause == null || cause == e ? first : first + " (" + cause.getClass().getSimpleName() + ": "
                + String.valueOf(cause.getMessage()).lines().findFirst().orElse("") + ")";
    }

    private static void runScript(Connections conns, String database, String name, String text) {
        List<SqlScript.Statement> statements;
        try {
            statements = SqlScript.split(name, text);
        } catch (IllegalArgumentException e) {
            throw new SeedFailedException(e.getMessage() + "; no seed was kept", e);
        }
        try (Connection c = conns.open(database); Statement st = c.createStatement()) {
            for (SqlScript.Statement s : statements) {
                try {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    throw new SeedFailedException("seed script " + name + " failed at line " + errorLine(s, e) + ": "
                            + firstLine(e.getMessage()) + " - fix the script; no seed was kept", e);
                }
            }
        } catch (SQLException e) {
            throw new SeedFailedException("seed script " + name + ": " + e.getMessage(), e);
        }
    }

    /** The script line PostgreSQL's error position points at, else the statement's first line. */
    static int errorLine(SqlScript.Statement s, SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null && m.getPosition() > 0 && m.getPosition() <= s.sql().length()) {
                return s.line() + (int) s.sql().substring(0, m.getPosition() - 1).chars().filter(ch -> ch == '\n').count();
            }
        }
        return s.line();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message.strip() : message.substring(0, nl).strip();
    }

    private static void rename(Connections conns, String temp, String name) {
        try (Connection c = conns.open(conns.url().database())) {
            Sql.execute(c, "alter database " + Identifiers.quote(temp) + " rename to " + Identifiers.quote(name));
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                throw new NameConflictException("seed database " + name + " already exists", e);
            }
            throw new FoldoutException("cannot rename the finished seed " + temp + " to " + name + " on "
                    + conns.address() + ": " + firstLine(e.getMessage())
                    + " - close the sessions connected to it (a seeder's pool?) and run again", e);
        }
    }

    private static void dropQuietly(Foldout fld, String temp, RuntimeException cause) {
        try {
            fld.getDatabase(temp).drop(true);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
