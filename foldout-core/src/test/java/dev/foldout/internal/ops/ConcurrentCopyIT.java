package dev.foldout.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.ProgressListener;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two operations on one source: the second waits for the first's lock, and must take the source's connection setting
 * as the first leaves it, not as it was while the first had connections switched off: else it would copy with other
 * sessions free to connect.
 */
class ConcurrentCopyIT {
    @Test
    void aBranchThatWaitedForAnotherOperationLeavesTheSourceOpen() throws Exception {
        String source = TestPostgres.uniqueName("conc");
        String branch = TestPostgres.uniqueName("conc_b");
        TestFoldout.seed(source, 10);
        java.util.List<Boolean> allowedWhileCopying = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressListener watch = step -> {
            if (step.startsWith("copying \"" + source + "\"")) {
                try {
                    allowedWhileCopying.add(allowsConnections(source));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(TestPostgres.url(source)).progress(watch).build())) {
            fld.databases(); // the catalog exists
            CompletableFuture<?> second;
            try (Connection first = TestPostgres.connect("foldout_catalog");
                 AdvisoryLock held = AdvisoryLock.acquire(first, source, oid(source), Duration.ofSeconds(5))) {
                // the first operation is under way: connections to the source are off
                TestPostgres.exec("postgres", "alter database " + source + " allow_connections false");
                second = CompletableFuture.runAsync(() -> fld.branch(branch));
                Thread.sleep(1500); // the second has read the source and waits for the lock
                TestPostgres.exec("postgres", "alter database " + source + " allow_connections true"); // the first ends
            }
            second.get(60, TimeUnit.SECONDS);
            assertThat(allowedWhileCopying).as("the second operation locked other sessions out while it copied")
                    .isNotEmpty().containsOnly(false); // the branch, then its merge base
            assertThat(allowsConnections(source)).as("connections to the source are allowed again").isTrue();
            assertThat(TestFoldout.count(branch)).isEqualTo(10);
        } finally {
            TestFoldout.dropQuietly(branch, source);
        }
    }

    private static long oid(String database) throws SQLException {
        return Long.parseLong(value("select oid::text from pg_database where datname = ?", database));
    }

    private static boolean allowsConnections(String database) throws SQLException {
        return Boolean.parseBoolean(value("select datallowconn::text from pg_database where datname = ?", database));
    }

    private static String value(String sql, String database) throws SQLException {
        try (Connection c = TestPostgres.connect("postgres"); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
