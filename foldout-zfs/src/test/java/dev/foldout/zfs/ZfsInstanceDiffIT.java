package dev.foldout.zfs;

import dev.foldout.Foldout;
import dev.foldout.diff.InstanceDiffScenario;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
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

    @Test
    void branchOfABranch() throws SQLException {
        try (Foldout fld = cluster.foldout()) {
            InstanceDiffScenario.branchOfABranch(fld, cluster.url("app"), "zfs");
        }
    }
}
