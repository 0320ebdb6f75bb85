/**
 * Rewinding a branch to its parent in place, in milliseconds whatever the database's size: the blocks the branch's
 * WAL names since it last equalled its parent are read by tuple ID on both sides, and each tuple that is not where
 * the parent's (or the last rewind's) was is undone - deleted, or copied back from the parent. Used by
 * {@code Branch.discardChanges} for branches made by the same session, which is what the test pools hand out.
 */
package dev.foldout.internal.rewind;
