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
}
