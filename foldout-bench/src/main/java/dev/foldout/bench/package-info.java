/** Benchmarks and measuring harnesses. */
package dev.foldout.bench;
