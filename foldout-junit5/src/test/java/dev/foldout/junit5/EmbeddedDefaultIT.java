package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Foldout;
import dev.foldout.server.FoldoutHome;
import dev.foldout.server.PostgresServer;
import dev.foldout.internal.embedded.EmbeddedCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With no URL set anywhere the extension uses Foldout's embedded cluster. The build points {@code FOLDOUT_HOME}
 * at {@code foldout-junit5-home} in the temporary directory for this module's tests, so the cluster never touches the
 * user's home; the test stops it and deletes it at the end.
 */
class EmbeddedDefaultIT {
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    @Test
    void withNoUrlAnywhereTheEmbeddedClusterServesTheTests() throws SQLException {
        assertThat(System.getenv("FOLDOUT_HOME")).as("FOLDOUT_HOME, which the build sets for this module's tests, "
                + "so that the embedded cluster stays out of the user's home").isNotBlank();
        assertThat(System.getenv("FOLDOUT_JUNIT_URL")).as("no $FOLDOUT_JUNIT_URL, or the default is not used").isNull();
        assertThat(System.getProperty("foldout.junit.url")).isNull();
        Path home = FoldoutHome.dir();
        PostgresServer cluster = EmbeddedCluster.instance(false);
        assertThat(cluster.isRunning()).as("the embedded cluster runs only because of this test").isFalse();
        assertThat(Foldout.embeddedServerIfRunning()).as("nothing runs yet").isEmpty();
        assertThat(cluster.isRunning()).as("asking whether it runs starts nothing").isFalse();
        try {
            Kit.run(NoUrl.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            assertThat(Path.of(SEEN.get("data_directory"))).startsWith(home.resolve("embedded"));
            assertThat(SEEN.get("database")).startsWith("fld_t_");
            assertThat(Foldout.embeddedServerIfRunning()).as("the cluster the run started, where it listens")
                    .hasValueSatisfying(url -> assertThat(url.port()).isEqualTo(Integer.parseInt(SEEN.get("port"))));
            assertThat(Foldout.embeddedSocket()).as("its socket, in its own directory")
                    .hasValue(home.resolve("embedded").resolve("socket").resolve(".s.PGSQL." + SEEN.get("port")));
            try (Foldout fld = Foldout.embedded(); Connection c = fld.getDatabase("postgres").open()) {
                assertThat(Kit.query(c, "select coalesce(host(inet_client_addr()), 'local')"))
                        .as("the embedded session's own connections go through the socket").isEqualTo("local");
            }
        } finally {
            boolean ran = Foldout.stopEmbedded();
            cluster.destroy();
            assertThat(ran).as("the run started the embedded cluster").isTrue();
        }
        assertThat(cluster.isRunning()).isFalse();
        assertThat(Foldout.embeddedServerIfRunning()).as("stopped and gone").isEmpty();
        assertThat(Foldout.embeddedSocket()).isEmpty();
    }

    static class NoUrl {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().seedScripts("db/schema.sql").build();

        @Test
        void runsOnTheEmbeddedCluster(Connection c) throws SQLException {
            SEEN.put("data_directory", Kit.query(c, "select current_setting('data_directory')"));
            SEEN.put("database", Kit.query(c, "select current_database()"));
            SEEN.put("port", Kit.query(c, "select current_setting('port')"));
            assertThat(Kit.query(c, "select count(*) from item")).isEqualTo("101");
        }
    }
}
