package dev.foldout.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeds built by the project's own Flyway migrations or Liquibase change log, keyed by those files: no version to
 * bump, a changed or added migration makes a new seed, an unchanged set reuses the one built before.
 */
class MigrationSeedIT {
    static final AtomicReference<String> SEEN = new AtomicReference<>();
    static Path migrations;

    @Test
    void flywayMigrationsNamedInTheAnnotationBuildTheSeed() {
        System.setProperty("foldout.junit.url", Kit.url());
        try {
            Kit.run(FlywayAnnotated.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        } finally {
            System.clearProperty("foldout.junit.url");
        }
    }

    @Test
    void aLiquibaseChangeLogBuildsTheSeed() {
        Kit.run(LiquibaseBuilt.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void aChangedOrAddedMigrationMakesANewSeedAndAnUnchangedSetReusesIt() throws Exception {
        migrations = Files.createTempDirectory("foldout-migrations-");
        Files.writeString(migrations.resolve("V1__t.sql"), "create table m(v text); insert into m values ('one');");
        String key = Seeders.flyway("filesystem:" + migrations).contentKey().orElseThrow();
        assertThat(Seeders.flyway("filesystem:" + migrations).contentKey()).hasValue(key);

        Kit.run(FlywayFromFiles.class).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(SEEN).hasValue("one");
        int seeds = Kit.databases("fld_seed_").size();
        Kit.run(FlywayFromFiles.class).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(Kit.databases("fld_seed_")).as("an unchanged set reuses its seed").hasSize(seeds);

        Files.writeString(migrations.resolve("V1__t.sql"), "create table m(v text); insert into m values ('changed');");
        assertThat(Seeders.flyway("filesystem:" + migrations).contentKey()).isNotEqualTo(java.util.Optional.of(key));
        Kit.run(FlywayFromFiles.class).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(SEEN).as("a changed migration makes a new seed").hasValue("changed");

        Files.writeString(migrations.resolve("V2__more.sql"), "update m set v = v || ' and added';");
        Kit.run(FlywayFromFiles.class).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(SEEN).as("an added migration makes a new seed").hasValue("changed and added");
    }

    @Test
    void missingMigrationsOrToolsAreNamed() {
        assertThatThrownBy(() -> Seeders.flyway("classpath:db/no-such-dir").contentKey())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no migrations under classpath:db/no-such-dir");
        assertThatThrownBy(() -> Seeders.liquibase("db/liquibase/nope.xml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("db/liquibase/nope.xml is not on the class path");
    }

    /** The project's Flyway migrations, for the annotation. */
    public static class ProjectMigrations extends FlywaySeeder {
        /** Migrations under db/flyway. */
        public ProjectMigrations() {
            super("classpath:db/flyway");
        }
    }

    @FoldoutTest(seeder = ProjectMigrations.class)
    static class FlywayAnnotated {
        @Test
        void seesTheMigratedSchemaAndRows(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select count(*) from flyway_item")).isEqualTo("50");
            assertThat(Kit.query(c, "select count(*) from flyway_schema_history where success")).isEqualTo("2");
        }
    }

    static class LiquibaseBuilt {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url())
                .seed(Seeders.liquibase("db/liquibase/changelog.sql")).build();

        @Test
        void seesTheChangeLogsTablesAndRows(Connection c) throws SQLException {
            assertThat(Kit.query(c, "select count(*) from lq_item")).isEqualTo("20");
            assertThat(Kit.query(c, "select count(*) from databasechangelog")).isEqualTo("2");
        }
    }

    static class FlywayFromFiles {
        @RegisterExtension
        static FoldoutExtension db = FoldoutExtension.builder().url(Kit.url())
                .seed(Seeders.flyway("filesystem:" + migrations)).build();

        @Test
        void records(Connection c) throws SQLException {
            SEEN.set(Kit.query(c, "select string_agg(v, ',') from m"));
        }
    }
}
