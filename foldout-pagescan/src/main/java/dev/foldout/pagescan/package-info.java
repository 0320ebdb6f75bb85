/**
 * Readers of PostgreSQL relation files and the changed-block filter.
 *
 * <p>{@link dev.foldout.pagescan.PageScanner} is the entry point: {@code changedBlocks(relation, lsn)} reads
 * the 24-byte header of every page of a {@link dev.foldout.pagescan.Relation}'s segment files and returns the
 * blocks whose {@code pd_lsn} is past the LSN; with a {@link dev.foldout.pagescan.RelationStat} recorded at
 * branch time, files whose size and mtime did not change are skipped unopened and blocks past the recorded end
 * count as changed. {@code open(relation)} gives page-by-page access ({@link dev.foldout.pagescan.PageHeader},
 * {@link dev.foldout.pagescan.LinePointer}). Page layout: {@link dev.foldout.pagescan.PageLayout}.
 *
 * <p>Three readers ({@link dev.foldout.pagescan.ReaderKind}): the Panama FFM reader on Java 22 and later (from
 * the multi-release jar), FileChannel positional reads or MappedByteBuffers on Java 17. Corrupt input is a
 * {@link dev.foldout.pagescan.PageFormatException} naming file, block and field; every other failure a
 * {@link dev.foldout.pagescan.PageScanException}. Needs no JDBC: callers pass the file paths and the cluster's
 * block and segment size.
 */
package dev.foldout.pagescan;
