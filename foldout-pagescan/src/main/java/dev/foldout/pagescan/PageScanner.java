package dev.foldout.pagescan;

import dev.foldout.Lsn;
import dev.foldout.pagescan.internal.ChangedBlockScan;

/**
 * The entry point: finds the blocks of a relation written after an LSN by reading the page headers of its
 * files directly, and opens relations for page-by-page reading. Holds nothing open between calls, and may
 * be shared between threads; each call opens and closes (unmaps) what it reads.
 *
 * <pre>{@code
 * PageGeometry g = PageGeometry.fromSettings(showBlockSize, showSegmentSize);
 * Relation orders = Relation.of(dataDir.resolve(relationFilePath), g);
 * RelationStat atBranch = orders.stat();          // at branch time, after CHECKPOINT; store it (Jackson)
 * ...
 * ChangedBlocks changed = PageScanner.create().changedBlocks(orders, branchLsn, atBranch);  // after CHECKPOINT
 * }</pre>
 *
 * PostgreSQL writes pages to its files at checkpoints and buffer evictions: run {@code CHECKPOINT} before a
 * scan, or dirty pages still in shared buffers are missed. Unlogged relations have no meaningful
 * {@code pd_lsn}, and a rewritten relation has a new file: compare those in full.
 */
public final class PageScanner {
    private final ReaderKind kind;

    private PageScanner(ReaderKind kind) {
        this.kind = kind;
    }

    /** A scanner with {@link ReaderKind#automatic()}: FFM on Java 22+, unless the system property says otherwise. */
    public static PageScanner create() {
        return new PageScanner(ReaderKind.automatic());
    }

    /**
     * A scanner that reads with {@code kind}.
     *
     * @throws IllegalStateException if {@code kind} cannot run on this JVM
     */
    public static PageScanner using(ReaderKind kind) {
        if (kind == null) {
            throw new IllegalArgumentException("kind is null");
        }
        return new PageScanner(kind.requireAvailable());
    }

    /** The reader this scanner uses. */
    public ReaderKind reader() {
        return kind;
    }

    /**
     * The blocks of {@code relation} whose {@code pd_lsn} is past {@code since}, and its new (all-zero) pages,
     * every page header checked. Covers at least the blocks present when the call started; blocks appended
     * while it runs are mostly included.
     *
     * @throws MissingRelationFileException if the relation's first segment does not exist
     * @throws PageFormatException if a file or page is corrupt (file, block and field named)
     * @throws PageScanException if a file cannot be read, or shrank while being read
     */
    public ChangedBlocks changedBlocks(Relation relation, Lsn since) {
        return ChangedBlockScan.run(relation, kind, since.value(), null);
    }

    /**
     * As {@link #changedBlocks(Relation, Lsn)}, with the stat filter: segment files whose size and mtime are
     * those of {@code atBranch} are not opened, and every block past the end recorded in {@code atBranch}
     * is changed. {@link ChangedBlocks#removedBlocks()} counts the blocks truncated away since.
     *
     * @throws IllegalArgumentException if {@code atBranch} is of another relfilenode (the relation was rewritten)
     */
    public ChangedBlocks changedBlocks(Relation relation, Lsn since, RelationStat atBranch) {
        if (atBranch == null) {
            throw new IllegalArgumentException("atBranch is null; use changedBlocks(relation, since)");
        }
        return ChangedBlockScan.run(relation, kind, since.value(), atBranch);
    }

    /**
     * As {@link #changedBlocks(Relation, Lsn)}, skipping segment files last modified before {@code quietBefore}
     * without opening them. Sound when nothing could write the relation's files between the moment their pages
     * were last at or before {@code since} and {@code quietBefore} (a branch: both databases closed to sessions
     * from the copy until then), and {@code quietBefore} leaves a margin of a few kernel clock ticks: file times
     * come from the kernel's coarse clock.
     */
    public ChangedBlocks changedBlocks(Relation relation, Lsn since, java.time.Instant quietBefore) {
        if (quietBefore == null) {
            throw new IllegalArgumentException("quietBefore is null; use changedBlocks(relation, since)");
        }
        long nanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(quietBefore.getEpochSecond()) + quietBefore.getNano();
        return ChangedBlockScan.runSkippingOlder(relation, kind, since.value(), nanos);
    }

    /**
     * Opens {@code relation} for reading pages; the caller closes the reader.
     *
     * @throws MissingRelationFileException if the relation's first segment does not exist
     */
    public RelationReader open(Relation relation) {
        return new RelationReader(relation, kind);
    }

    @Override
    public String toString() {
        return "PageScanner[" + kind + "]";
    }
}
