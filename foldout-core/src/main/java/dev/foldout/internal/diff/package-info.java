/**
 * The diff engine: what changed between two databases (a branch and its parent, or any two), schema and rows,
 * as SQL that makes one look like the other, and its application in one transaction. Internal: no
 * compatibility promise. {@code schema} compares catalogs, {@code locate} finds the pages that may hold
 * changed rows, {@code rows} compares rows through SQL, {@code output} writes and reads the diff.
 */
package dev.foldout.internal.diff;
