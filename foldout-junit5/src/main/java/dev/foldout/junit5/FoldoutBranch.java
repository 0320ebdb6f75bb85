package dev.foldout.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field or parameter that receives the test's branch: a {@link javax.sql.DataSource}, a
 * {@link java.sql.Connection} (closed after the test), or a {@link String} holding a JDBC URL with the
 * credentials. Parameters of type {@code DataSource} and {@code Connection} are injected without it; a
 * {@code String} parameter needs it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface FoldoutBranch {
}
