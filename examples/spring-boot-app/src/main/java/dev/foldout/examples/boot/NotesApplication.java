package dev.foldout.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Boot application: notes kept in PostgreSQL through JdbcTemplate, the schema and its first rows made
 * by Flyway ({@code src/main/resources/db/migration}). It knows nothing of Foldout; its tests
 * ({@code NotesRepositoryIT}) give it a fresh branch of the migrated database per test. Run it against a server with
 * {@code --spring.datasource.url=jdbc:postgresql://HOST:PORT/DB --spring.datasource.username=USER}.
 */
@SpringBootApplication
public class NotesApplication {
    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(NotesApplication.class, args);
    }
}
