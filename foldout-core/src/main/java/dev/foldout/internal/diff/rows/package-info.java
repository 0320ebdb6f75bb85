/**
 * The row diff: table shapes read from each side's catalog, rows streamed in key order from both sides and
 * merged, changed rows fetched through the key's index, and the changes handed to a sink. Values travel as the
 * server's text output and are never interpreted in Java.
 */
package dev.foldout.internal.diff.rows;
