/**
 * Foldout's catalog: a database of its own in the cluster ({@code foldout_catalog}) holding the snapshots and
 * branches, and a journal of operations in flight so that the next call can repair what a dead process left.
 * No compatibility promise.
 */
package dev.foldout.internal.catalog;
