/**
 * Branch time against cluster size for every backend (template with clone, reflink, reflink-cluster, zfs): a
 * harness that grows two clusters (one on XFS, one on a ZFS dataset) to 1, 2, 4 GB and prints a table.
 */
package dev.foldout.bench.instance;
