/**
 * The backends foldout-core brings, one package each, found through {@link java.util.ServiceLoader}:
 * {@code template} and {@code reflink} make a branch as a database of the parent's cluster, {@code reflinkcluster}
 * makes an instance branch (a cluster of its own, served by {@link dev.foldout.internal.cluster}). The zfs backend
 * is the module foldout-zfs. No compatibility promise.
 */
package dev.foldout.internal.backend;
