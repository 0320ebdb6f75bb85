package dev.foldout.pagescan;

import dev.foldout.Lsn;
import dev.foldout.pagescan.internal.SegmentFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The main fork of one relation on disk: its first segment file (as {@code pg_relation_filepath} names it,
 * resolved against the data directory, through {@code pg_tblspc} for other tablespaces) and the cluster's
 * {@link PageGeometry}. Segment {@code n > 0} is the file of the same name with suffix {@code .n}. An
 * immutable handle: nothing is opened until a scan or a {@link RelationReader} asks.
 */
public final class Relation {
    private final Path firstSegment;
    private final PageGeometry geometry;
    private final long relfilenode;

    private Relation(Path firstSegment, PageGeometry geometry, long relfilenode) {
        this.firstSegment = firstSegment;
        this.geometry = geometry;
        this.relfilenode = relfilenode;
    }

    /**
     * The relation whose first segment is {@code firstSegment}.
     *
     * @throws IllegalArgumentException if the file name is not a relfilenode (a number, without a fork or
     *         segment suffix)
     */
    public static Relation of(Path firstSegment, PageGeometry geometry) {
        if (firstSegment == null || geometry == null) {
            throw new IllegalArgumentException("firstSegment and geometry are required");
        }
        Path name = firstSegment.getFileName();
        String text = name == null ? "" : name.toString();
        if (!text.matches("[1-9][0-9]{0,9}") || Long.parseLong(text) > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("'" + firstSegment + "' is not the first segment of a relation's main fork: "
                    + "its name must be the relfilenode, a number without a fork (_fsm, _vm) or segment (.1) suffix");
        }
        return new Relation(firstSegment.toAbsolutePath(), geometry, Long.parseLong(text));
    }

    /** The first segment's path. */
    public Path path() {
        return firstSegment;
    }

    /** The block and segment size. */
    public PageGeometry geometry() {
        return geometry;
    }

    /** The relfilenode, from the file name. */
    public long relfilenode() {
        return relfilenode;
    }

    /** The path of segment {@code segment}: {@code N} for 0, else {@code N.segment}. */
    public Path segmentPath(int segment) {
        if (segment < 0) {
            throw new IllegalArgumentException("segment " + segment + " is negative");
        }
        return segment == 0 ? firstSegment : firstSegment.resolveSibling(relfilenode + "." + segment);
    }

    /**
     * The segment files as they are now (size, mtime), checked: every segment but the last is full, none
     * is longer than a segment, each holds whole blocks. Opens no file. Record it at branch time, after a
     * CHECKPOINT, for {@link PageScanner#changedBlocks(Relation, Lsn, RelationStat)}.
     *
     * @throws MissingRelationFileException if the first segment does not exist
     * @throws PageFormatException if a file is not a whole number of blocks, too long, or a segment is missing
     */
    public RelationStat stat() {
        long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        List<RelationFileStat> files = new ArrayList<>();
        for (int segment = 0; ; segment++) {
            RelationFileStat file = SegmentFiles.statOrEnd(this, segment);
            if (file == null) {
                break;
            }
            long blocks = file.size() / geometry.blockSize();
            if (blocks < geometry.blocksPerSegment() && SegmentFiles.requireLastOrGrown(this, segment, blocks)) {
                segment--;   // being extended right now: look at this segment again
                continue;
            }
            files.add(file);
            if (blocks < geometry.blocksPerSegment()) {
                break;
            }
        }
        return new RelationStat(relfilenode, now, files);
    }

    /** The number of blocks now (stats the segment files). */
    public long blockCount() {
        return stat().blockCount(geometry.blockSize());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Relation r && r.firstSegment.equals(firstSegment) && r.geometry.equals(geometry);
    }

    @Override
    public int hashCode() {
        return firstSegment.hashCode() * 31 + geometry.hashCode();
    }

    @Override
    public String toString() {
        return "relation " + firstSegment + " (" + geometry + ")";
    }
}
