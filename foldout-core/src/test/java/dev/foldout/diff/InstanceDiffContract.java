package dev.foldout.diff;

import dev.foldout.ConnectionUrl;
import dev.foldout.Foldout;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The scenarios every instance backend's diff and merge must pass (their assertions are in {@link InstanceDiffScenario}
 * and {@link InstanceMergeScenario}): an IT per backend extends this with a parent cluster of that backend's kind.
 */
public abstract class InstanceDiffContract {
    /** A Foldout session on the parent cluster's database {@code app}. */
    protected abstract Foldout foldout();

    /** Where to reach the parent cluster as its superuser. */
    protected abstract ConnectionUrl server();

    /** The instance backend under test. */
    protected abstract String backend();

    @Test
    void changesOnBothSides() throws SQLException {
        try (Foldout fld = foldout()) {
            InstanceDiffScenario.changesOnBothSides(fld, server(), backend());
        }
    }

    @Test
    void transactionOpenAtTheCut() throws SQLException {
        try (Foldout fld = foldout()) {
            InstanceDiffScenario.transactionOpenAtTheCut(fld, server(), backend());
        }
    }

    @Test
    void transactionsGivenOutAfterTheCutDoNotForceAFullCompare() throws SQLException {
        try (Foldout fld = foldout()) {
            InstanceDiffScenario.rollbackOnTheBranchAfterTheCut(fld, server(), backend());
        }
    }

    @Test
    void mergeKeepsBothSides() throws SQLException {
        try (Foldout fld = foldout()) {
            InstanceMergeScenario.mergeKeepsBothSides(fld, server(), backend());
        }
    }

    @Test
    void rebaseAndReset() throws SQLException {
        try (Foldout fld = foldout()) {
            InstanceMergeScenario.rebaseAndReset(fld, server(), backend());
        }
    }

    @Test
    void branchOfABranch() throws SQLException {
        try (Foldout fld = foldout()) {
            InstanceDiffScenario.branchOfABranch(fld, server(), backend());
        }
    }
}
