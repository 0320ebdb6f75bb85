package dev.foldout.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test (or class) only when the build's PostgreSQL major version (the binaries on the test class path,
 * {@code -Dpg.version}) lies in {@code [min, max]}; otherwise JUnit reports it disabled, with the versions, in CI too —
 * for capabilities a version does not have (WAL summaries before 17, {@code pg_walinspect} before 15), never to hide
 * a failure.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresVersionCondition.class)
public @interface EnabledOnPostgres {
    /** The lowest major version the test needs. */
    int min() default 0;

    /** The highest major version the test serves. */
    int max() default Integer.MAX_VALUE;

    /** What the versions outside the range lack, for the report. */
    String reason();
}
