package dev.foldout.internal.diff;

import dev.foldout.TableDiff;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.schema.SchemaDiff;

/** A sink that hands everything to another one; subclasses change what they need (the header, the target). */
public abstract class ForwardingSink implements DiffSink {
    /** Where everything goes. */
    protected abstract DiffSink next();

    @Override
    public void header(DiffHeader header) {
        next().header(header);
    }

    @Override
    public void preData(SchemaDiff schema) {
        next().preData(schema);
    }

    @Override
    public RowSink table(TablePlan plan) {
        return next().table(plan);
    }

    @Override
    public void tableDone(TablePlan plan, TableDiff summary) {
        next().tableDone(plan, summary);
    }

    @Override
    public void postData(SchemaDiff schema) {
        next().postData(schema);
    }

    @Override
    public void finish() {
        next().finish();
    }
}
