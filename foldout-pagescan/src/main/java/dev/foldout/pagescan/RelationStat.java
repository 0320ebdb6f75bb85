package dev.foldout.pagescan;

import dev.foldout.Lsn;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The segment files of one relation as they were at a moment (branch time): the stat filter. A segment
 * whose size and modification time are still those recorded here, and whose modification time was well
 * before the moment of recording, is skipped by {@link PageScanner#changedBlocks(Relation, Lsn, RelationStat)}
 * without being opened. A file modified within {@link #RACY_MARGIN_NANOS} of the recording may be modified
 * again within the file system's timestamp granularity without its mtime changing: it is always scanned.
 * CHECKPOINT before recording, so that the files hold every page written before the branch.
 *
 * @param relfilenode the relation's file node
 * @param recordedAtNanos when the files were looked at, in nanoseconds since the epoch
 * @param files the segment files, segment 0 first, without gaps
 */
@JsonPropertyOrder({"relfilenode", "recordedAtNanos", "files"})
public record RelationStat(long relfilenode, long recordedAtNanos, List<RelationFileStat> files) {
    /** How long before the recording a file must have been last modified for its mtime to be trusted. */
    public static final long RACY_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Validates the record and takes an immutable copy of the files. */
    public RelationStat {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a relation has at least its first segment file");
        }
        for (int i = 0; i < files.size(); i++) {
            RelationFileStat f = files.get(i);
            if (f.relfilenode() != relfilenode || f.segment() != i) {
                throw new IllegalArgumentException("file " + i + " of relation " + relfilenode + " is " + f
                        + "; expected segment " + i + " of the same relfilenode");
            }
        }
    }

    /** The number of blocks the relation had, for {@code blockSize}. */
    public long blockCount(int blockSize) {
        long total = 0;
        for (RelationFileStat f : files) {
            total += f.size() / blockSize;
        }
        return total;
    }

    /** Whether {@code now} is the recorded state of its segment, recorded long enough after its last change. */
    public boolean isUnchanged(RelationFileStat now) {
        if (now.segment() >= files.size()) {
            return false;
        }
        RelationFileStat then = files.get(now.segment());
        return then.equals(now) && recordedAtNanos - then.mtimeNanos() >= RACY_MARGIN_NANOS;
    }
}
