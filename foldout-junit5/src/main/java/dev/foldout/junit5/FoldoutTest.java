package dev.foldout.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The annotation form of {@link FoldoutExtension}: each test of the class gets a branch of the seed the
 * attributes describe.
 *
 * <pre>{@code
 * @FoldoutTest(seed = "db/schema.sql")
 * class OrderRepositoryTest {
 *     @Test
 *     void savesAnOrder(DataSource db) { ... }
 * }
 * }</pre>
 *
 * A {@code @Nested} class uses the enclosing class's annotation unless it carries one of its own, which then
 * serves its tests instead. A class with both this annotation and a {@code @RegisterExtension FoldoutExtension}
 * field is refused.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FoldoutExtension.class)
public @interface FoldoutTest {

    /** Class path resources of SQL scripts run in order to build the seed (e.g. {@code db/schema.sql}). */
    String[] seed() default {};

    /** A seeder run after the scripts; it needs a public no-argument constructor. */
    Class<? extends Seeder> seeder() default Seeder.None.class;

    /**
     * The seeder's version, kept in the seed's key with the seeder's class name: change it whenever what the seeder
     * does changes, so the seed is rebuilt. Not needed for a seeder that keys itself from its migrations (a subclass
     * of {@link FlywaySeeder} or {@link LiquibaseSeeder}).
     */
    String seederVersion() default "";

    /** One branch per test method (the default) or one per class. */
    Scope scope() default Scope.PER_TEST;

    /** How many branches are made ahead of the tests. */
    int poolSize() default FoldoutExtension.DEFAULT_POOL_SIZE;

    /**
     * Keep the branch of a failed test (failed in the test, a {@code @BeforeEach} or an {@code @AfterEach} method;
     * not an aborted one), and say in the failure how to connect to it.
     */
    boolean keepFailed() default false;

    /** How long a test waits for its branch before it fails, in seconds (default 5 minutes). */
    long branchTimeoutSeconds() default 300;

    /**
     * The server (JDBC URL or libpq URI); empty: the system property {@code foldout.junit.url}, else the
     * environment variable {@code FOLDOUT_JUNIT_URL}, else Foldout's embedded cluster.
     */
    String url() default "";
}
