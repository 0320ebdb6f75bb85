/**
 * The ZFS backend: instance branches made by {@code zfs snapshot} and {@code zfs clone} of the dataset
 * that holds a cluster's data directory. Not built yet: the module exists so that the build's layout is
 * complete; the backend itself is the work of the instance-branches issue.
 */
package dev.foldout.zfs;
