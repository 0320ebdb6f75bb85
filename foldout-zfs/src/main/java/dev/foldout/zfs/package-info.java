/**
 * The ZFS backend ({@code --backend zfs}): instance branches made by a {@code zfs snapshot} of the dataset that
 * holds a cluster's data directory, taken right after a CHECKPOINT, and a {@code zfs clone} of it, on which Foldout
 * starts a PostgreSQL of its own. Driven through the {@code zfs}/{@code zpool} commands with argument arrays and
 * parseable output ({@code -H}, {@code -p}), which works with OpenZFS and with zfs-fuse alike.
 */
package dev.foldout.zfs;
