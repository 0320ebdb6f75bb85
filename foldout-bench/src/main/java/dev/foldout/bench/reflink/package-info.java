/** Harnesses that time reflink clones: a running cluster by {@code ClusterCloner}, a database by the reflink backend. */
package dev.foldout.bench.reflink;
