package dev.foldout.pagescan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What the file system says about one segment file of a relation, recorded at branch time so that a
 * later scan can skip the files that did not change without opening them. Serializes with Jackson as
 * {@code {"relfilenode":16384,"segment":0,"size":8192,"mtimeNanos":...}}.
 *
 * @param relfilenode the relation's file node (the file name's number)
 * @param segment the segment number: 0 for {@code 16384}, 1 for {@code 16384.1}, ...
 * @param size the file size in bytes
 * @param mtimeNanos the last-modified time, in nanoseconds since the epoch
 */
@JsonPropertyOrder({"relfilenode", "segment", "size", "mtimeNanos"})
public record RelationFileStat(long relfilenode, int segment, long size, long mtimeNanos) {
    /** Validates the record. */
    public RelationFileStat {
        if (relfilenode <= 0 || relfilenode > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("relfilenode " + relfilenode + " is not a positive 32-bit OID");
        }
        if (segment < 0) {
            throw new IllegalArgumentException("segment " + segment + " is negative");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
    }

    /** The file name: {@code 16384} or {@code 16384.1}. */
    public String fileName() {
        return segment == 0 ? Long.toString(relfilenode) : relfilenode + "." + segment;
    }
}
