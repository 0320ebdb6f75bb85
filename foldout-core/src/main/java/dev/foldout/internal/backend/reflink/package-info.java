/**
 * The reflink backend: a database copied inside its cluster by cloning its files with {@code FICLONE}
 * ({@link dev.foldout.internal.backend.reflink.ReflinkBackend}), for PostgreSQL 15 to 17 (18 does it itself through
 * the template backend). The clone tools it uses are in {@link dev.foldout.internal.cow}. No compatibility promise.
 */
package dev.foldout.internal.backend.reflink;
