package dev.foldout.internal.diff.rows;

import dev.foldout.RowChange;

/** Takes the row changes of one table, in the order they are to be applied. */
@FunctionalInterface
public interface RowSink {
    /** One change. */
    void change(RowChange change);
}
