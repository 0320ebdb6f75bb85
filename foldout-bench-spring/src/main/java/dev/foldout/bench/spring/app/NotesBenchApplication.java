package dev.foldout.bench.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with a PostgreSQL data source (Hikari), JdbcTemplate, transactions and Flyway, as the
 * benchmark's {@code @SpringBootTest} classes start it.
 */
@SpringBootApplication
public class NotesBenchApplication {
}
