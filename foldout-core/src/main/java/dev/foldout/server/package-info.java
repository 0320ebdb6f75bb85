/**
 * Running local PostgreSQL servers (a name kept apart from instance branches, which use it): the binaries
 * ({@link dev.foldout.server.PostgresBinaries}), the account a server runs as ({@link dev.foldout.server.OsAccount})
 * and one cluster's life cycle ({@link dev.foldout.server.PostgresServer}, set up by
 * {@link dev.foldout.server.ServerSpec}). Public: the tests, the embedded default and the instance backends use it.
 */
package dev.foldout.server;
