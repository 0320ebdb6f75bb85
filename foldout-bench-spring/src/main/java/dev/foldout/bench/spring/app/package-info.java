/**
 * The application the benchmark's tests start: a Spring Boot application with one table of notes (JdbcTemplate,
 * Flyway migrations under {@code classpath:db/migration} and a seed location per size). It knows neither tool.
 */
package dev.foldout.bench.spring.app;
