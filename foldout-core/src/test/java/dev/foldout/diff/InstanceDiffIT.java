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
import dev.foldout.instance.InstanceSpec;
import dev.foldout.instance.PostgresBinaries;
import dev.foldout.instance.PostgresInstance;
import dev.foldout.testing.TestFilesystems;
import dev.foldout.testing.TestPostgres;
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
 * (see {@link InstanceDiffScenario}; foldout-zfs runs the same scenarios on zfs branches).
 */
class InstanceDiffIT {
    private static final String BACKEND = "reflink-cluster";
    private static Path root;
    private static PostgresInstance parent;

    @BeforeAll
    static void start() throws SQLException {
        root = TestFilesystems.xfs().resolve(TestPostgres.uniqueName("idiff"));
        parent = PostgresInstance.of(InstanceSpec.builder(PostgresBinaries.fromClasspath(), root)
                .password("idiff").setting("fsync", "off").setting("shared_buffers", "16MB").build()).start();
        try (Connection c = DriverManager.getConnection(parent.url("postgres").jdbcUrl(), "postgres", "idiff");
             Statement st = c.createStatement()) {
            st.execute("create database app");
            // no autovacuum transaction open at a cut (the diff would rightly fall back to a full compare)
            st.execute("alter system set autovacuum = off");
            st.execute("select pg_reload_conf()");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (parent != null) {
            parent.stop();
        }
        if (root != null) {
            new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start().waitFor();
        }
    }

    private static Foldout foldout() {
        return Foldout.connect(FoldoutConfig.builder().url(parent.url("app")).terminateTimeout(Duration.ofSeconds(5)).build());
    }

    @Test
    void changesOnBothSides() throws SQLException {
        try (Foldout fld = foldout()) {
            InstanceDiffScenario.changesOnBothSides(fld, parent.url("app"), BACKEND);
        }
    }

    @Test
    void transactionOpenAtTheCut() throws SQLException {
        try (Foldout fld = foldout()) {
            InstanceDiffScenario.transactionOpenAtTheCut(fld, parent.url("app"), BACKEND);
        }
    }

    @Test
    void transactionsGivenOutAfterTheCutDoNotForceAFullCompare() throws SQLException {
        try (Foldout fld = foldout()) {
            InstanceDiffScenario.rollbackOnTheBranchAfterTheCut(fld, parent.url("app"), BACKEND);
        }
    }

    @Test
    void branchOfABranch() throws SQLException {
        try (Foldout fld = foldout()) {
            InstanceDiffScenario.branchOfABranch(fld, parent.url("app"), BACKEND);
        }
    }

    @Test
    void aDataDirectoryThisProcessCannotReadFallsBackToAFullCompare() throws SQLException {
        ConnectionUrl app = parent.url("app");
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
