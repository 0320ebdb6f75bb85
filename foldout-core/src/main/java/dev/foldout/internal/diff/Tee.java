package dev.foldout.internal.diff;

import dev.foldout.TableDiff;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.schema.SchemaDiff;

/** Hands a diff to two sinks, in step. */
final class Tee implements DiffSink {
    private final DiffSink a;
    private final DiffSink b;

    Tee(DiffSink a, DiffSink b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public void header(DiffHeader header) {
        a.header(header);
        b.header(header);
    }

    @Override
    public void preData(SchemaDiff schema) {
        a.preData(schema);
        b.preData(schema);
    }

    @Override
    public RowSink table(TablePlan plan) {
        RowSink x = a.table(plan);
        RowSink y = b.table(plan);
        return change -> {
            x.change(change);
            y.change(change);
        };
    }

    @Override
    public void tableDone(TablePlan plan, TableDiff summary) {
        a.tableDone(plan, summary);
        b.tableDone(plan, summary);
    }

    @Override
    public void postData(SchemaDiff schema) {
        a.postData(schema);
        b.postData(schema);
    }

    @Override
    public void finish() {
        a.finish();
        b.finish();
    }
}
