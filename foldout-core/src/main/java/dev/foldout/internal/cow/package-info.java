/**
 * The copy-on-write tools under the reflink backends, through JNA: {@link dev.foldout.internal.cow.Ficlone} clones
 * one file ({@code FICLONE}), {@link dev.foldout.internal.cow.TreeClone} a directory tree,
 * {@link dev.foldout.internal.cow.Extents} asks {@code FIEMAP} whether two files really share their extents, and
 * {@link dev.foldout.internal.cow.ClusterCloner} clones a running cluster, online and crash-consistent, between
 * {@code pg_backup_start} and {@code pg_backup_stop}. No compatibility promise.
 */
package dev.foldout.internal.cow;
