package dev.foldout.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Spring test class ({@code @SpringBootTest}, {@code @SpringJUnitConfig}, ...): every {@code DataSource} bean of
 * the context serves a copy-on-write branch of a seeded database, a fresh one for each test method (or for the whole
 * class), without the context being built again between tests: the branch behind the data source is switched.
 *
 * <p>The seed is built once and kept while its inputs are unchanged: SQL scripts ({@link #seed}), then the project's
 * Flyway migrations ({@link #flyway}) or Liquibase change log ({@link #liquibase}). With none of the three given, the
 * context's own {@code spring.flyway.locations} (default {@code classpath:db/migration}) is used when Flyway is on the
 * class path and the location holds migrations. The context's own migration at start-up is switched off: every
 * branch already holds the migrated schema.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface FoldoutDatabase {

    /** Class path SQL scripts run in order to build the seed. */
    String[] seed() default {};

    /** Flyway locations whose migrations build the seed (after the scripts). */
    String[] flyway() default {};

    /** A Liquibase change log (class path resource) that builds the seed (after the scripts). */
    String liquibase() default "";

    /** A branch per test method (the default) or one for the whole class. */
    Refresh refresh() default Refresh.PER_TEST;

    /** How many branches are made ahead of the tests. */
    int poolSize() default 2;

    /**
     * The server, as a JDBC URL or libpq URI; empty: the system property {@code foldout.junit.url}, else the
     * environment variable {@code FOLDOUT_JUNIT_URL}, else Foldout's embedded cluster.
     */
    String url() default "";

    /** When a test gets a new branch. */
    enum Refresh {
        /** Each test method gets a branch of its own. */
        PER_TEST,
        /** The test class's methods share one branch. */
        PER_CLASS
    }
}
