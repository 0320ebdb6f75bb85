package dev.foldout.pagescan.internal;

import dev.foldout.pagescan.ChangedBlocks;
import dev.foldout.pagescan.PageScanException;
import dev.foldout.pagescan.ReaderKind;
import dev.foldout.pagescan.Relation;
import dev.foldout.pagescan.RelationFileStat;
import dev.foldout.pagescan.RelationStat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One changed-block scan of one relation, segment after segment. Each segment is stat-ed (and skipped if
 * the stat filter says it is unchanged), then its window of whole blocks is read. The last segment is
 * stat-ed again after the read: blocks appended meanwhile are read too (a few rounds at most), a later
 * segment that appeared meanwhile is followed, and a file that shrank is an error to retry.
 */
public final class ChangedBlockScan {
    private static final Logger LOG = LoggerFactory.getLogger(ChangedBlockScan.class);
    private static final int MAX_GROWTH_ROUNDS = 3;

    private final Relation relation;
    private final ReaderKind kind;
    private final long since;
    private final RelationStat atBranch;
    private final long quietBeforeNanos;
    private final long branchBlocks;
    private final long perSegment;
    private final BlockList out = new BlockList();
    private long scanned;
    private long skipped;

    private ChangedBlockScan(Relation relation, ReaderKind kind, long since, RelationStat atBranch, long quietBeforeNanos) {
        this.relation = relation;
        this.kind = kind;
        this.since = since;
        this.atBranch = atBranch;
        this.quietBeforeNanos = quietBeforeNanos;
        this.branchBlocks = atBranch == null ? Long.MAX_VALUE : atBranch.blockCount(relation.geometry().blockSize());
        this.perSegment = relation.geometry().blocksPerSegment();
    }

    /**
     * The blocks of {@code relation} written after {@code since}; with {@code atBranch}, files unchanged since
     * then are skipped and blocks past its end are changed.
     */
    public static ChangedBlocks run(Relation relation, ReaderKind kind, long since, RelationStat atBranch) {
        if (atBranch != null && atBranch.relfilenode() != relation.relfilenode()) {
            throw new IllegalArgumentException("the branch-time stat is of relfilenode " + atBranch.relfilenode() + ", not of "
                    + relation + ": the relation was rewritten since, and must be compared in full");
        }
        return finish(relation, kind, new ChangedBlockScan(relation, kind, since, atBranch, Long.MIN_VALUE));
    }

    /**
     * The blocks of {@code relation} written after {@code since}; segment files last modified before
     * {@code quietBeforeNanos} (nanoseconds since the epoch) are skipped unread.
     */
    public static ChangedBlocks runSkippingOlder(Relation relation, ReaderKind kind, long since, long quietBeforeNanos) {
        return finish(relation, kind, new ChangedBlockScan(relation, kind, since, null, quietBeforeNanos));
    }

    private static ChangedBlocks finish(Relation relation, ReaderKind kind, ChangedBlockScan scan) {
        RelationStat atBranch = scan.atBranch;
        long blocks = scan.run();
        ChangedBlocks result = new ChangedBlocks(scan.out.toArray(), blocks, atBranch == null ? -1 : scan.branchBlocks,
                scan.scanned, scan.skipped);
        LOG.debug("{} with the {} reader: {}", relation, kind, result);
        return result;
    }

    private long run() {
        for (int segment = 0; ; segment++) {
            RelationFileStat stat = SegmentFiles.statOrEnd(relation, segment);
            if (stat == null) {
                return segment * perSegment;
            }
            long done = segment(segment, stat);
            if (done < perSegment) {
                return segment * perSegment + done;
            }
        }
    }

    /** Reads one segment; returns its number of blocks. */
    private long segment(int segment, RelationFileStat stat) {
        int blockSize = relation.geometry().blockSize();
        long blocks = stat.size() / blockSize;
        long done = 0;
        if ((atBranch != null && atBranch.isUnchanged(stat)) || stat.mtimeNanos() < quietBeforeNanos) {
            skipped += blocks;
            done = blocks;
        }
        for (int round = 0; ; round++) {
            if (blocks > done) {
                window(segment, done, blocks);
                done = blocks;
            }
            if (done == perSegment) {
                return done;
            }
            RelationFileStat again = SegmentFiles.stat(relation, segment);
            long now = again == null ? -1 : again.size() / blockSize;
            if (now < done || blocks < done) {
                throw new PageScanException(relation.segmentPath(segment), "relation file " + relation.segmentPath(segment)
                        + " shrank from " + done + " blocks while it was being read (a VACUUM truncated it, or the relation "
                        + "was dropped): CHECKPOINT and scan again");
            }
            if (now > done && round < MAX_GROWTH_ROUNDS) {
                blocks = now;
                continue;
            }
            if (SegmentFiles.requireLastOrGrown(relation, segment, done)) {
                RelationFileStat grown = SegmentFiles.stat(relation, segment);
                blocks = grown == null ? -1 : grown.size() / blockSize;
                continue;
            }
            return done;
        }
    }

    /** Reads blocks {@code [from, to)} of the segment; blocks past the branch-time end are changed unread. */
    private void window(int segment, long from, long to) {
        long base = segment * perSegment;
        long branchEnd = Math.max(from, Math.min(to, branchBlocks - base));
        if (branchEnd > from) {
            try (SegmentReader reader = Readers.open(kind, relation.segmentPath(segment), relation.geometry(), base, from,
                    branchEnd, false)) {
                reader.scan(since, out);
            }
            scanned += branchEnd - from;
        }
        out.addRange(base + branchEnd, base + to);
    }
}
