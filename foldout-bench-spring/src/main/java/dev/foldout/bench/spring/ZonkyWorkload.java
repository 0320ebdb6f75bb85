package dev.foldout.bench.spring;

import io.zonky.test.db.AutoConfigureEmbeddedDatabase;
import io.zonky.test.db.AutoConfigureEmbeddedDatabase.DatabaseProvider;
import io.zonky.test.db.AutoConfigureEmbeddedDatabase.RefreshMode;

/**
 * {@link NotesWorkload} with zonky's embedded-database-spring-test: its embedded PostgreSQL, the Flyway migrations
 * kept as a template database, a new copy of it after each test.
 */
@AutoConfigureEmbeddedDatabase(provider = DatabaseProvider.ZONKY, refresh = RefreshMode.AFTER_EACH_TEST_METHOD)
public class ZonkyWorkload extends NotesWorkload {
}
