/** The merge's benchmark harness: merges of a few rows and of 1% on each side, timed warm, with the heap's peak. */
package dev.foldout.bench.merge;
