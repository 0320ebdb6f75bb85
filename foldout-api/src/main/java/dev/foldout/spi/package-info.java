/**
 * The service-provider interfaces: {@link dev.foldout.spi.FoldoutProvider} (the implementation behind
 * {@link dev.foldout.Foldout}) and {@link dev.foldout.spi.BranchBackend} (how a database is copied) and
 * {@link dev.foldout.spi.InstanceBackend} (how a whole cluster's data directory is copied, for instance branches).
 * Backends depend on this package and {@code dev.foldout}, never on {@code foldout-core}'s internals.
 */
package dev.foldout.spi;
