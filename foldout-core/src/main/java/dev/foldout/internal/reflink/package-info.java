/**
 * Copy-on-write clones of files, databases and whole clusters by the Linux {@code FICLONE} ioctl (reflink), called
 * through JNA: {@link dev.foldout.internal.reflink.Ficlone} clones one file, {@link dev.foldout.internal.reflink.Extents}
 * checks with {@code FIEMAP} that two files really share their extents, {@link dev.foldout.internal.reflink.ClusterCloner}
 * clones a running cluster between {@code pg_backup_start} and {@code pg_backup_stop}, and
 * {@link dev.foldout.internal.reflink.ReflinkBackend} clones one database inside its cluster (PostgreSQL 15 to 17).
 * Carries no compatibility promise.
 */
package dev.foldout.internal.reflink;
