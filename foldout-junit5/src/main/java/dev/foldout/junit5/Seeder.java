package dev.foldout.junit5;

import javax.sql.DataSource;

/**
 * Fills the seed database, e.g. by running Flyway or Liquibase on it. Called once per seed, never per test:
 * the result is kept under a name derived from the seed's inputs - the scripts, the seeder's class name and a
 * version string (see {@link FoldoutExtension.Builder#seed(String, Seeder)}) that must change whenever what the
 * seeder does changes.
 *
 * <p>Every connection the data source handed out is closed after the call.
 */
@FunctionalInterface
public interface Seeder {

    /** Fills the database behind {@code dataSource}. Any exception fails the seed, which is then not kept. */
    void seed(DataSource dataSource) throws Exception;

    /** The seeder that does nothing; the default of {@link FoldoutTest#seeder()}. */
    final class None implements Seeder {
        /** For {@link FoldoutTest#seeder()}. */
        public None() {
        }

        @Override
        public void seed(DataSource dataSource) {
            // nothing: the seed is what the scripts make
        }
    }
}
