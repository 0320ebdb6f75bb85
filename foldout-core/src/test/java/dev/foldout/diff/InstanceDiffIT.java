package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.ApplyOptions;
import dev.foldout.Branch;
import dev.foldout.ConnectionUrl;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.instance.InstanceSpec;
import dev.foldout.instance.PostgresBinaries;
import dev.foldout.instance.PostgresInstance;
import dev.foldout.testing.TestFilesystems;
import dev.foldout.testing.TestPostgres;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The diff of an instance branch (a cluster of its own, cloned by reflink on XFS) against its parent database. */
class InstanceDiffIT {

    @Test
    void instanceBranchDiffAppliesToTheParent() throws Exception {
        Path root = TestFilesystems.xfs().resolve(TestPostgres.uniqueName("idiff"));
        PostgresInstance parent = PostgresInstance.of(InstanceSpec.builder(PostgresBinaries.fromClasspath(), root)
                .password("idiff").setting("fsync", "off").setting("shared_buffers", "16MB").build()).start();
        try {
            exec(parent.url("postgres"), "create database app");
            exec(parent.url("app"), "create table t(id int primary key, v text)",
                    "insert into t select g, 'row ' || g from generate_series(1, 1000) g");
            try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(parent.url("app"))
                    .terminateTimeout(Duration.ofSeconds(5)).build())) {
                Branch b = fld.defaultDatabase().branch("feature/x", CopyOptions.DEFAULTS.withBackend("reflink-cluster"));
                try (Connection c = b.open(); Statement st = c.createStatement()) {
                    st.execute("update t set v = 'changed' where id = 10; delete from t where id = 20;"
                            + "alter table t add column n int; insert into t values (5000, 'new', 7)");
                }
                Diff diff = b.diff();
                assertThat(diff.tables().get(0).locator()).startsWith("full-compare: instance branch");
                fld.apply(new StringReader(diff.toSql()), ApplyOptions.DEFAULTS);
                try (Connection p = DriverManager.getConnection(parent.url("app").jdbcUrl(), "postgres", "idiff");
                     Connection c = b.open()) {
                    assertThat(Contents.of(p)).isEqualTo(Contents.of(c));
                }
                assertThat(b.diff().isEmpty()).isTrue();
                b.delete(true);
            }
        } finally {
            parent.stop();
            new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start().waitFor();
        }
    }

    private static void exec(ConnectionUrl url, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password()); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }
}
