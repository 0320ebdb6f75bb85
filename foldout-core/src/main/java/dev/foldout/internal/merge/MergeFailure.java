package dev.foldout.internal.merge;

import java.sql.SQLException;

/** Carries an {@link SQLException} out of the diff engine's sink methods, which declare none; unwrapped by the merge. */
public final class MergeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MergeFailure(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** The SQL error. */
    public SQLException sqlCause() {
        return (SQLException) getCause();
    }

    /** Something that reads or writes through JDBC. */
    @FunctionalInterface
    public interface SqlAction {
        void run() throws SQLException;
    }

    /** Runs {@code action}, carrying its {@link SQLException} out as a {@link MergeFailure}. */
    public static void unchecked(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            throw new MergeFailure(e);
        }
    }

    /** A row sink that hands each change to {@code target}, carrying its {@link SQLException} out. */
    static dev.foldout.internal.diff.rows.RowSink rows(RowTarget target) {
        return change -> unchecked(() -> target.add(change));
    }

    /** Takes a row change, through JDBC. */
    @FunctionalInterface
    interface RowTarget {
        void add(dev.foldout.RowChange change) throws SQLException;
    }
}
