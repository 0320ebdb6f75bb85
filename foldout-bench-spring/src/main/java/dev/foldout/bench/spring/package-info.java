/**
 * A side-by-side measurement of foldout-spring and zonky's embedded-database-spring-test: the same Spring Boot test
 * class of 200 writing tests run with each, on a 10 MB and a 1 GB Flyway-built seed, on the same PostgreSQL binaries.
 * {@link dev.foldout.bench.spring.SideBySideHarness} is the entry point; the test classes live here, under src/main,
 * so that the build never runs them.
 */
package dev.foldout.bench.spring;
