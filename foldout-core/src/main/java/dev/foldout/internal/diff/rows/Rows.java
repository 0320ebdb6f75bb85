package dev.foldout.internal.diff.rows;

import java.sql.SQLException;

/** One side's rows in stream order, each as the texts of its columns. */
interface Rows extends AutoCloseable {
    /** The next row's column texts, or null at the end. */
    String[] next() throws SQLException;

    @Override
    void close() throws SQLException;
}
