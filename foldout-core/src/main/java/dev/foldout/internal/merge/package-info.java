/**
 * The three-way merge: a branch's changes since its base brought into its parent, keeping the parent's own. The
 * branch's changes come from the diff engine (base against branch, through the change locators); each changed row
 * is then compared by key with the parent's and the base's ({@link dev.foldout.internal.merge.ThreeWay}), schema
 * changes object by object ({@link dev.foldout.internal.merge.SchemaMerge}), and what is left is applied in one
 * transaction on the parent ({@link dev.foldout.internal.merge.RowMerger}). Internal: no compatibility promise.
 */
package dev.foldout.internal.merge;
