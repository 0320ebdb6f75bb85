/**
 * The service-provider interfaces: {@link dev.foldout.spi.FoldoutProvider} (the implementation behind
 * {@link dev.foldout.Foldout}) and {@link dev.foldout.spi.BranchBackend} (how a database is copied).
 * Backends depend on this package and {@code dev.foldout}, never on {@code foldout-core}'s internals.
 */
package dev.foldout.spi;
