/**
 * JMH benchmark of the changed-block scan of foldout-pagescan: its three readers against a native C mmap
 * scan of the same file, in the same run ({@link dev.foldout.bench.pagescan.PageScanBenchmark}).
 */
package dev.foldout.bench.pagescan;
