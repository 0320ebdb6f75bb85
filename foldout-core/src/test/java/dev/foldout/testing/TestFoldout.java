package dev.foldout.testing;

import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import java.time.Duration;

/** Foldout sessions on the test cluster. */
public final class TestFoldout {
    private TestFoldout() {
    }

    /** A session whose default database is {@code database}, using {@code backend} (empty: best). */
    public static Foldout connect(String database, String backend) {
        return Foldout.connect(FoldoutConfig.builder().url(TestPostgres.url(database)).backend(backend)
                .terminateTimeout(Duration.ofSeconds(5)).build());
    }

    /** Makes a database holding table {@code t(id int primary key, v text)} with {@code rows} rows. */
    public static void seed(String database, int rows) {
        TestPostgres.exec("postgres", "create database " + database);
        TestPostgres.exec(database, "create table t(id int primary key, v text)",
                "insert into t select g, 'row ' || g from generate_series(1, " + rows + ") g");
    }

    /** The number of rows of {@code t} in {@code database}. */
    public static long count(String database) {
        try (var c = TestPostgres.connect(database); var st = c.createStatement();
             var rs = st.executeQuery("select count(*) from t")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops databases if they exist, terminating their sessions. */
    public static void dropQuietly(String... databases) {
        for (String db : databases) {
            try {
                TestPostgres.exec("postgres", "drop database if exists \"" + db.replace("\"", "\"\"") + "\" with (force)");
            } catch (RuntimeException ignored) {
                // best effort clean-up
            }
        }
    }

    /** Polls until {@code condition} holds or a few seconds pass. */
    public static boolean eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
