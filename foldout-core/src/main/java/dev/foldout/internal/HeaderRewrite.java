package dev.foldout.internal;

import dev.foldout.TableDiff;
import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.DiffSink;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.schema.SchemaDiff;
import java.util.function.UnaryOperator;

/** A sink that hands everything on, the header rewritten. */
final class HeaderRewrite implements DiffSink {
    private final DiffSink next;
    private final UnaryOperator<DiffHeader> rewrite;

    private HeaderRewrite(DiffSink next, UnaryOperator<DiffHeader> rewrite) {
        this.next = next;
        this.rewrite = rewrite;
    }

    /** {@code next} with its header rewritten by {@code rewrite}. */
    static DiffSink of(DiffSink next, UnaryOperator<DiffHeader> rewrite) {
        return new HeaderRewrite(next, rewrite);
    }

    @Override
    public void header(DiffHeader header) {
        next.header(rewrite.apply(header));
    }

    @Override
    public void preData(SchemaDiff schema) {
        next.preData(schema);
    }

    @Override
    public RowSink table(TablePlan plan) {
        return next.table(plan);
    }

    @Override
    public void tableDone(TablePlan plan, TableDiff summary) {
        next.tableDone(plan, summary);
    }

    @Override
    public void postData(SchemaDiff schema) {
        next.postData(schema);
    }

    @Override
    public void finish() {
        next.finish();
    }
}
