package dev.foldout.internal.ops;

import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.DiffSink;
import dev.foldout.internal.diff.ForwardingSink;
import dev.foldout.internal.merge.MergeFailure;
import dev.foldout.internal.merge.RowMerger;
import java.sql.SQLException;

/**
 * The branch's side of a merge whose drift is still being read: the diff engine plans the branch's changes (schema,
 * shapes, located blocks) meanwhile, and the {@link RowMerger} is made when the first of them arrives (the header),
 * once the drift is there.
 */
final class LateMerger extends ForwardingSink {
    /** Makes the merger once the drift is read. */
    interface Factory {
        RowMerger make() throws SQLException;
    }

    private final Factory factory;
    private RowMerger merger;

    LateMerger(Factory factory) {
        this.factory = factory;
    }

    /** The merger; null when the diff failed before its header. */
    RowMerger merger() {
        return merger;
    }

    @Override
    protected DiffSink next() {
        return merger;
    }

    @Override
    public void header(DiffHeader header) {
        try {
            merger = factory.make();
        } catch (SQLException e) {
            throw new MergeFailure(e);
        }
        merger.header(header);
    }
}
