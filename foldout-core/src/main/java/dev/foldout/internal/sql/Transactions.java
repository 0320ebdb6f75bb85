package dev.foldout.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs a few statements in one transaction on an auto-commit connection, and restores auto-commit after. */
public final class Transactions {
    private Transactions() {
    }

    /** The work of one transaction. */
    @FunctionalInterface
    public interface Work {
        /** Runs the statements. */
        void run(Connection c) throws SQLException;
    }

    /** Commits {@code work} as a whole, or rolls it back and rethrows. */
    public static void inTransaction(Connection c, Work work) throws SQLException {
        c.setAutoCommit(false);
        try {
            work.run(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
