/**
 * The ZFS backend's implementation: running {@code zfs}/{@code zpool}, naming datasets, finding the dataset of a
 * directory. No compatibility promise.
 */
package dev.foldout.zfs.internal;
