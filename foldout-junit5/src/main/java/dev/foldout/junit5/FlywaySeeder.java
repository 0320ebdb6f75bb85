package dev.foldout.junit5;

import dev.foldout.junit5.internal.MigrationFiles;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Builds the seed with Flyway from the project's migrations. Its key is the hash of every file under its locations
 * and Flyway's version: a migration added or changed makes a new seed by itself, an unchanged set reuses the one
 * built before. Needs {@code org.flywaydb:flyway-core} and {@code flyway-database-postgresql} on the test class path.
 * Extend it with a public no-argument constructor to name it in {@link FoldoutTest#seeder()}.
 */
public class FlywaySeeder implements Seeder {
    private final List<String> locations;

    /** Migrations under {@code locations} (default {@code classpath:db/migration}, as Flyway's). */
    public FlywaySeeder(String... locations) {
        this.locations = locations.length == 0 ? List.of("classpath:db/migration") : List.of(locations);
        Seeders.require("org.flywaydb.core.Flyway", "Seeders.flyway", "org.flywaydb:flyway-core and "
                + "org.flywaydb:flyway-database-postgresql");
    }

    @Override
    public void seed(DataSource dataSource) {
        org.flywaydb.core.Flyway.configure(FlywaySeeder.class.getClassLoader()).dataSource(dataSource)
                .locations(locations.toArray(String[]::new)).load().migrate();
    }

    @Override
    public Optional<String> contentKey() {
        return Optional.of(MigrationFiles.key("flyway " + Seeders.versionOf("org.flywaydb.core.Flyway"),
                locations.toArray(String[]::new)));
    }

    @Override
    public String toString() {
        return "Flyway (" + String.join(", ", locations) + ")";
    }
}
