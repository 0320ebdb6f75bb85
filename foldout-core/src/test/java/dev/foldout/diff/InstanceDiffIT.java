package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Branch;
import dev.foldout.ConnectionUrl;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.Locator;
import dev.foldout.testing.EnabledOnPostgres;
import dev.foldout.testing.TestPostgres;
import dev.foldout.testing.XfsCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diff of instance branches made by reflink-cluster on XFS against their parents: the page scan of both clusters
 * ({@link InstanceDiffContract}; foldout-zfs runs the same scenarios on zfs branches), and the fall-back to a full
 * compare when a data directory cannot be read.
 */
@EnabledOnPostgres(min = 15, reason = "the reflink-cluster backend clones a running cluster between pg_backup_start and "
        + "pg_backup_stop, which came with PostgreSQL 15")
class InstanceDiffIT extends InstanceDiffContract {
    private static final String BACKEND = "reflink-cluster";
    private static XfsCluster cluster;

    @BeforeAll
    static void start() throws SQLException {
        cluster = XfsCluster.start("idiff", 0);
        // no autovacuum transaction open at a cut (the diff would rightly fall back to a full compare)
        cluster.exec("postgres", "alter system set autovacuum = off", "select pg_reload_conf()");
        cluster.exec("app", "drop table t"); // the scenarios make databases of their own; app holds only what a test adds
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected Foldout foldout() {
        return cluster.foldout();
    }

    @Override
    protected ConnectionUrl server() {
        return cluster.url("app");
    }

    @Override
    protected String backend() {
        return BACKEND;
    }

    @Test
    void aDataDirectoryThisProcessCannotReadFallsBackToAFullCompare() throws SQLException {
        ConnectionUrl app = cluster.url("app");
        try (Foldout fld = foldout(); Foldout elsewhere = Foldout.connect(FoldoutConfig.builder().url(app)
                .dataPath(Path.of("/nonexistent/pgdata")).terminateTimeout(Duration.ofSeconds(5)).build())) {
            try (Connection c = DriverManager.getConnection(app.jdbcUrl(), app.user(), app.password());
                 Statement st = c.createStatement()) {
                st.execute("create table if not exists seen(id int primary key, v text)");
                st.execute("truncate seen; insert into seen select g, 'x' from generate_series(1, 100) g");
            }
            Branch b = fld.defaultDatabase().branch(TestPostgres.uniqueName("ib"), CopyOptions.DEFAULTS.withBackend(BACKEND));
            try (Connection c = b.open(); Statement st = c.createStatement()) {
                st.execute("update seen set v = 'y' where id = 7");
            }
            Diff diff = elsewhere.getBranch(b.name()).diff();
            assertThat(diff.tables()).singleElement().satisfies(t -> {
                assertThat(t.locator()).isEqualTo("full-compare: no change locator here (pagescan: the data directory "
                        + "/nonexistent/pgdata of parent \"app\" is not readable by this process (run Foldout as root, or "
                        + "as the account the server runs as))");
                assertThat(t.updates()).isEqualTo(1);
            });
            assertThat(fld.getBranch(b.name()).diff().tables().get(0).locator()).isEqualTo("pagescan");
            assertThat(InstanceDiffScenario.statements(diff.toSql())).isEqualTo(InstanceDiffScenario.statements(
                    b.diff(DiffOptions.DEFAULTS.withLocator(Locator.FULL_COMPARE)).toSql()));
            b.delete(true);
        }
    }
}
