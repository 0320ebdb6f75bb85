package dev.foldout.zfs;

import dev.foldout.ConnectionUrl;
import dev.foldout.Foldout;
import dev.foldout.diff.InstanceDiffContract;
import dev.foldout.diff.InstanceDiffScenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diff of zfs instance branches against their parents: the scenarios of {@link InstanceDiffContract} (their
 * assertions are in {@link InstanceDiffScenario}), and a write in the second zfs-fuse stamps the branch with.
 */
class ZfsInstanceDiffIT extends InstanceDiffContract {
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

    @Override
    protected Foldout foldout() {
        return cluster.foldout();
    }

    @Override
    protected ConnectionUrl server() {
        return cluster.url("app");
    }

    @Override
    protected String backend() {
        return "zfs";
    }

    /**
     * zfs-fuse keeps whole seconds: a file written in the branch's second may look older than the branch. Every attempt
     * asserts that the diff finds the write and equals the full compare; the edge itself (a file time before the
     * branch's) depends on where in the second the write lands, so up to four attempts are made, and if none hits it
     * the test is aborted with the reason rather than passed as if it had been tested.
     */
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
}
