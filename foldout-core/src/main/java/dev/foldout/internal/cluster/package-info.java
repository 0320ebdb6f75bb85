/**
 * Instance branches: a whole PostgreSQL cluster copied from its parent's data directory by an
 * {@link dev.foldout.spi.InstanceBackend} and served on its own port. This package plans each branch in the
 * catalog ({@code foldout.instances}) before anything is made, allocates ports under a file lock, starts and
 * stops the servers with the parent's own binaries, and repairs what a process that died half-way left behind.
 * No compatibility promise.
 */
package dev.foldout.internal.cluster;
