package dev.foldout.internal.diff;

import dev.foldout.TableDiff;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.schema.SchemaDiff;

/** Takes a diff as the engine makes it, in order: header, schema, each table's rows, the rest of the schema. */
public interface DiffSink {

    /** First: what is compared with what. */
    void header(DiffHeader header);

    /** The schema diff; its pre-data statements run before the rows. */
    void preData(SchemaDiff schema);

    /** A table's rows start; the changes go to the returned sink. */
    RowSink table(TablePlan plan);

    /** A table's rows are done. */
    void tableDone(TablePlan plan, TableDiff summary);

    /** The post-data statements run after the rows. */
    void postData(SchemaDiff schema);

    /** Last. */
    void finish();
}
