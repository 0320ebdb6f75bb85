package dev.foldout.pagescan.internal;

import dev.foldout.pagescan.MissingRelationFileException;
import dev.foldout.pagescan.PageFormatException;
import dev.foldout.pagescan.PageScanException;
import dev.foldout.pagescan.Relation;
import dev.foldout.pagescan.RelationFileStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * File-system facts about segment files: size and mtime without opening them, and the checks that the
 * segments of a relation fit together. A size that is not a whole number of blocks is looked at again for
 * a moment, since a file being extended shows its new size one 4 KiB memory page at a time.
 */
public final class SegmentFiles {
    private static final int PARTIAL_BLOCK_RETRIES = 20;

    private SegmentFiles() {
    }

    /**
     * The stat of segment {@code segment}, or {@code null} if the file does not exist and is not the first.
     *
     * @throws MissingRelationFileException if segment 0 does not exist
     * @throws PageFormatException if the size is not a whole number of blocks or exceeds the segment size
     */
    public static RelationFileStat stat(Relation relation, int segment) {
        Path file = relation.segmentPath(segment);
        int blockSize = relation.geometry().blockSize();
        for (int attempt = 0; ; attempt++) {
            BasicFileAttributes attrs = attributes(file);
            if (attrs == null) {
                if (segment == 0) {
                    throw new MissingRelationFileException(file, null);
                }
                return null;
            }
            long size = attrs.size();
            if (size % blockSize != 0) {
                if (attempt < PARTIAL_BLOCK_RETRIES) {
                    pause();
                    continue;
                }
                throw new PageFormatException(file, -1, "file size", Long.toString(size), "relation file " + file
                        + " has " + size + " bytes, not a whole number of " + blockSize + "-byte blocks ("
                        + size % blockSize + " bytes over): it is not a relation file of a cluster with block size "
                        + blockSize + ", or it is damaged");
            }
            if (size > relation.geometry().segmentSize()) {
                throw new PageFormatException(file, -1, "file size", Long.toString(size), "relation file " + file
                        + " has " + size + " bytes, more than a segment of " + relation.geometry().segmentSize()
                        + ": the segment size given does not match the cluster's (SHOW segment_size)");
            }
            return new RelationFileStat(relation.relfilenode(), segment, size, attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }
    }

    /** The size of segment {@code segment}, or -1 if it does not exist. */
    public static long sizeOrMissing(Relation relation, int segment) {
        BasicFileAttributes attrs = attributes(relation.segmentPath(segment));
        return attrs == null ? -1 : attrs.size();
    }

    /**
     * The stat of segment {@code segment}, or {@code null} at the end of the relation: the file does not exist
     * and the next one holds no data. A missing segment followed by one that holds data is looked at again
     * (the relation may be growing past it right now) and then is an error.
     *
     * @throws MissingRelationFileException if segment 0 does not exist
     * @throws PageScanException if the segment is missing though a later one holds data
     */
    public static RelationFileStat statOrEnd(Relation relation, int segment) {
        RelationFileStat stat = stat(relation, segment);
        if (stat != null || sizeOrMissing(relation, segment + 1) <= 0) {
            return stat;
        }
        stat = stat(relation, segment);
        if (stat != null) {
            return stat;
        }
        Path file = relation.segmentPath(segment);
        throw new PageScanException(file, "segment file " + file + " is missing, but " + relation.segmentPath(segment + 1)
                + " holds data: the relation's blocks from " + segment * relation.geometry().blocksPerSegment()
                + " on cannot be read; the data directory is damaged or being copied");
    }

    /**
     * Checks that segment {@code segment}, which had {@code blocks} blocks, fewer than a full segment, is the
     * last one that holds data (PostgreSQL leaves empty segment files behind after a truncation). Returns
     * whether it has grown meanwhile (the relation is being extended: read it again).
     *
     * @throws PageFormatException if a later segment holds data though this one is short
     */
    public static boolean requireLastOrGrown(Relation relation, int segment, long blocks) {
        if (sizeOrMissing(relation, segment + 1) <= 0) {
            return false;
        }
        Path file = relation.segmentPath(segment);
        long now = sizeOrMissing(relation, segment) / relation.geometry().blockSize();
        if (now > blocks) {
            return true;
        }
        throw new PageFormatException(file, -1, "file size", Long.toString(blocks * relation.geometry().blockSize()),
                "segment file " + file + " has " + blocks + " blocks, fewer than a full segment's "
                + relation.geometry().blocksPerSegment() + ", but " + relation.segmentPath(segment + 1)
                + " holds data: the segment was truncated, or the segment size given does not match the cluster's");
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new PageScanException(file, "cannot read the attributes of relation file " + file + ": " + e, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PageScanException(null, "interrupted while waiting for a relation file to hold whole blocks", e);
        }
    }
}
