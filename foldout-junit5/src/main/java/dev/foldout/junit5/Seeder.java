package dev.foldout.junit5;

import javax.sql.DataSource;

/**
 * Fills the seed database, e.g. by running Flyway or Liquibase on it. Called once per seed, never per test:
 * the result is kept under a name derived from the seed's inputs - the scripts, the seeder's class name and either
 * the key the seeder derives itself ({@link #contentKey()}, as {@link Seeders#flyway} and {@link Seeders#liquibase}
 * do from their migrations) or a version string (see {@link FoldoutExtensionBuilder#seed(String, Seeder)}) that must
 * change whenever what the seeder does changes.
 *
 * <p>Every connection the data source handed out is closed after the call.
 */
@FunctionalInterface
public interface Seeder {

    /** Fills the database behind {@code dataSource}. Any exception fails the seed, which is then not kept. */
    void seed(DataSource dataSource) throws Exception;

    /**
     * What this seeder does, as a key it derives by itself (the seeders of {@link Seeders} hash their migrations and
     * their tool's version): when present, no version string is needed, and the seed is rebuilt exactly when the key
     * changes. Empty (the default): the seeder needs a version its user changes.
     */
    default java.util.Optional<String> contentKey() {
        return java.util.Optional.empty();
    }

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
