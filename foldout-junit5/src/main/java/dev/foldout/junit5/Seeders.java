package dev.foldout.junit5;

/**
 * Seeders that key themselves from the project's migrations, so that no version string has to be bumped: the seed is
 * rebuilt exactly when a migration is added or changed (or the tool's version is).
 * <pre>{@code
 * @RegisterExtension
 * static FoldoutExtension db = FoldoutExtension.builder().seed(Seeders.flyway("classpath:db/migration")).build();
 * }</pre>
 */
public final class Seeders {
    private Seeders() {
    }

    /** Flyway, on the migrations under {@code locations} (default {@code classpath:db/migration}). */
    public static FlywaySeeder flyway(String... locations) {
        return new FlywaySeeder(locations);
    }

    /** Liquibase, on the change log {@code changeLog} (a class path resource). */
    public static LiquibaseSeeder liquibase(String changeLog) {
        return new LiquibaseSeeder(changeLog);
    }

    /**
     * Whether Flyway location {@code location} ({@code classpath:...} or {@code filesystem:...}) holds any migration
     * file: an integration that finds a project's migrations by convention asks before it seeds with them.
     */
    public static boolean hasMigrations(String location) {
        return !dev.foldout.junit5.internal.MigrationFiles.files(location).isEmpty();
    }

    /** Checks that {@code className} is on the class path, naming the artifacts to add when it is not. */
    static void require(String className, String what, String artifacts) {
        try {
            Class.forName(className, false, Seeders.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(what + " needs " + artifacts + " on the test class path: add "
                    + (artifacts.contains(" and ") ? "them" : "it") + " as test dependencies", e);
        }
    }

    /** The version of the jar {@code className} comes from, as its manifest says; "unknown" when it does not. */
    static String versionOf(String className) {
        try {
            Package p = Class.forName(className, false, Seeders.class.getClassLoader()).getPackage();
            String v = p == null ? null : p.getImplementationVersion();
            return v == null ? "unknown" : v;
        } catch (ClassNotFoundException e) {
            return "absent";
        }
    }
}
