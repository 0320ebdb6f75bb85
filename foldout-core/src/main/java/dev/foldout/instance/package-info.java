/**
 * The instance manager: PostgreSQL binaries ({@link dev.foldout.instance.PostgresBinaries}), the account a
 * server runs as ({@link dev.foldout.instance.OsAccount}) and one cluster's life cycle
 * ({@link dev.foldout.instance.PostgresInstance}). Public: the tests, the embedded default and the instance
 * backends use it.
 */
package dev.foldout.instance;
