/**
 * The reflink-cluster backend: an instance branch made by cloning a running cluster's data directory file by file
 * between {@code pg_backup_start} and {@code pg_backup_stop} ({@link dev.foldout.internal.cow.ClusterCloner}); its
 * snapshots are clones of the same kind. Planning, ports, servers and repair are {@link dev.foldout.internal.cluster}'s.
 * No compatibility promise.
 */
package dev.foldout.internal.backend.reflinkcluster;
