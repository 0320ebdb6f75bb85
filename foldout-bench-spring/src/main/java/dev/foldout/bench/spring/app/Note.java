package dev.foldout.bench.spring.app;

/**
 * A row of table {@code note}.
 *
 * @param id     its key
 * @param author who wrote it
 * @param body   its text
 */
public record Note(long id, String author, String body) {
}
