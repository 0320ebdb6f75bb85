/** Benchmarks of the diff engine. */
package dev.foldout.bench.diff;
