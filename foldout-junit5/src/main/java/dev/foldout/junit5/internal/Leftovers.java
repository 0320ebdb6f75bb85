package dev.foldout.junit5.internal;

import dev.foldout.Foldout;
import dev.foldout.RefInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what earlier runs left behind when their JVM was killed: their test branches and half-built seeds.
 * A run's names carry its run id; only runs whose lock is free (see {@link RunOwner}) are touched, so the
 * branches of a run going on at the same time in another JVM stay. Branches kept on purpose after a failure
 * are marked by a comment on their database and left for the user.
 */
public final class Leftovers {
    /** Prefix of test branches ({@code fld_t_<run>_<n>}) and of a run's second source ({@code fld_t_<run>_source}). */
    public static final String BRANCH_PREFIX = "fld_t_";
    /** The comment that marks a branch kept for inspection. */
    public static final String KEPT_MARK = "foldout-junit5: kept";
    private static final Pattern BRANCH = Pattern.compile("fld_t_([0-9a-f]{8})_(\\d+|source)");
    private static final Pattern TEMP_SEED = Pattern.compile("fld_seedtmp_([0-9a-f]{8})_\\d+");
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {
    }

    /** Drops the leftovers of dead runs; returns the names dropped. */
    public static List<String> clean(Foldout fld, RunOwner owner) throws SQLException {
        List<String> dropped = new ArrayList<>();
        for (RefInfo ref : fld.branches()) {
            Matcher m = BRANCH.matcher(ref.name());
            if (m.matches() && !owner.isAlive(m.group(1)) && !isKept(owner, ref.name())) {
                fld.getBranch(ref.name()).delete(true);
                dropped.add(ref.name());
            }
        }
        List<String> temps = Sql.rows(owner.connection(), "select datname::text from pg_database where datname like ?",
                rs -> rs.getString(1), "fld\\_seedtmp\\_%");
        for (String name : temps) {
            Matcher m = TEMP_SEED.matcher(name);
            if (m.matches() && !owner.isAlive(m.group(1))) {
                fld.getDatabase(name).drop(true);
                dropped.add(name);
            }
        }
        if (!dropped.isEmpty()) {
            LOG.info("dropped {} database(s) left by killed test runs: {}", dropped.size(), dropped);
        }
        return dropped;
    }

    private static boolean isKept(RunOwner owner, String database) throws SQLException {
        return Sql.first(owner.connection(), "select shobj_description(oid, 'pg_database') from pg_database "
                + "where datname = ?", rs -> rs.getString(1), database).map(s -> s.startsWith(KEPT_MARK)).orElse(false);
    }
}
