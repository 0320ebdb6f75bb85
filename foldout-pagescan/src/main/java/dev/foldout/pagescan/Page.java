package dev.foldout.pagescan;

import java.util.List;

/**
 * One page of a relation, read and checked: its header and its line pointers.
 *
 * @param block the block number within the relation
 * @param header the page header
 * @param linePointers the line pointers, in offset-number order (empty on a new page and on pages whose
 *        {@code pd_lower} holds no line pointer array, such as index meta pages)
 */
public record Page(long block, PageHeader header, List<LinePointer> linePointers) {
    /** Validates the record and takes an immutable copy of the line pointers. */
    public Page {
        if (block < 0) {
            throw new IllegalArgumentException("block " + block + " is negative");
        }
        if (header == null) {
            throw new IllegalArgumentException("header is null");
        }
        linePointers = List.copyOf(linePointers);
    }

    /** The line pointer of {@code offsetNumber} (1-based), as in a {@code ctid}. */
    public LinePointer linePointer(int offsetNumber) {
        if (offsetNumber < 1 || offsetNumber > linePointers.size()) {
            throw new IndexOutOfBoundsException("offset number " + offsetNumber + " of block " + block
                    + ", which has " + linePointers.size() + " line pointers");
        }
        return linePointers.get(offsetNumber - 1);
    }
}
