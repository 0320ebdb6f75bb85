/**
 * The diff as text: the SQL file ({@code -- foldout-diff v1}), its reader for apply, SQL literals, and JSON.
 */
package dev.foldout.internal.diff.output;
