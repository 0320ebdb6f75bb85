package dev.foldout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.zfs.ZfsCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The instance-branch commands end to end on a cluster whose data directory lies on a zfs dataset. */
class CliInstanceIT {
    private static ZfsCluster cluster;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() {
        cluster = ZfsCluster.start(50);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Run foldout(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url");
        all.add(cluster.url("app").jdbcUrlWithCredentials());
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void branchStatusStopStartAndDeleteAnInstanceBranch() {
        Run init = foldout("init");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("ok       instance backend zfs").contains("storage  zfs pool");

        Run b = foldout("branch", "app", "feature/x", "--backend", "zfs", "-m", "try x");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("serving on 127.0.0.1:").contains("connect: jdbc:postgresql://127.0.0.1:")
                .contains(cluster.dataset + ".foldout/feature:x");

        Run child = foldout("branch", "feature/x", "feature/x2");
        assertThat(child.code()).as(child.err()).isZero();

        Run status = foldout("status");
        assertThat(status.out()).contains("zfs pool").containsPattern("feature/x +zfs +running +55\\d\\d\\d")
                .containsPattern("feature/x2 +zfs +running");

        Run snap = foldout("commit", "feature/x", "--name", "x-s1", "-m", "a message");
        assertThat(snap.code()).as(snap.err()).isZero();
        assertThat(foldout("snapshots", "list").out()).contains("x-s1").contains("feature/x").contains("a message");
        Run fromSnap = foldout("branch", "x-s1", "from-s1");
        assertThat(fromSnap.code()).as(fromSnap.err()).isZero();
        assertThat(fromSnap.out()).contains("serving on 127.0.0.1:");
        assertThat(foldout("status").out()).containsPattern("from-s1 +zfs +running").contains("1 snapshot(s): x-s1");

        assertThat(foldout("stop", "feature/x").code()).isZero();
        assertThat(foldout("status").out()).containsPattern("feature/x +zfs +stopped");
        Run started = foldout("start", "feature/x");
        assertThat(started.code()).as(started.err()).isZero();
        assertThat(started.out()).contains("started branch \"feature/x\"");
        assertThat(foldout("branches", "list").out()).contains("feature/x").contains("try x");

        Run refused = foldout("delete-branch", "feature/x");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("feature/x2").contains("from-s1").contains("--force");
        assertThat(foldout("delete-branch", "feature/x", "--force").code()).isZero();
        assertThat(foldout("status").out()).contains("no instance branches").contains("0 snapshot(s)");
        assertThat(cluster.leftovers()).isEmpty();

        Run missing = foldout("start", "nope");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no branch named \"nope\"");
    }
}
