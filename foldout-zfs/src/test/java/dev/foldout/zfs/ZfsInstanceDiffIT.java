package dev.foldout.zfs;

import dev.foldout.Foldout;
import dev.foldout.diff.InstanceDiffScenario;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The diff of zfs instance branches against their parents: the page scan of both clusters (see InstanceDiffScenario). */
class ZfsInstanceDiffIT {
    private static ZfsCluster cluster;

    @BeforeAll
    static void start() {
        cluster = ZfsCluster.start(10);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void changesOnBothSides() throws SQLException {
        try (Foldout fld = cluster.foldout()) {
            InstanceDiffScenario.changesOnBothSides(fld, cluster.url("app"), "zfs");
        }
    }

    @Test
    void transactionOpenAtTheCut() throws SQLException {
        try (Foldout fld = cluster.foldout()) {
            InstanceDiffScenario.transactionOpenAtTheCut(fld, cluster.url("app"), "zfs");
        }
    }

    /** zfs-fuse keeps whole seconds: a file written in the branch's second may look older than the branch. */
    @Test
    void aWriteInTheSecondTheBranchWasMadeInIsFound() throws Exception {
        boolean early = false;
        for (int attempt = 0; attempt < 4 && !early; attempt++) {
            try (Foldout fld = cluster.foldout()) {
                early = InstanceDiffScenario.writeInTheSecondOfTheBranch(fld, cluster.url("app"), "zfs");
            }
        }
        Assumptions.assumeTrue(early, "no write fell in the branch's second with a time before it: this pool keeps finer "
                + "times than zfs-fuse's whole seconds, or the branch took too long");
    }

    @Test
    void transactionsGivenOutAfterTheCutDoNotForceAFullCompare() throws SQLException {
        try (Foldout fld = cluster.foldout()) {
            InstanceDiffScenario.rollbackOnTheBranchAfterTheCut(fld, cluster.url("app"), "zfs");
        }
    }

    @Test
    void branchOfABranch() throws SQLException {
        try (Foldout fld = cluster.foldout()) {
            InstanceDiffScenario.branchOfABranch(fld, cluster.url("app"), "zfs");
        }
    }
}
