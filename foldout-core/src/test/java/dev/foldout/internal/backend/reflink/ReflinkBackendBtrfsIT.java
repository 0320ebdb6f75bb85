package dev.foldout.internal.backend.reflink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.TestClusters;
import dev.foldout.CopyMethod;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import dev.foldout.RefInfo;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import dev.foldout.testing.TestFilesystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The reflink backend on a cluster of its own whose data directory is on btrfs (PostgreSQL 17, like
 * {@link ReflinkBackendIT}); and a branch survives a crash of the server right after it was made: recovery does not
 * replay the creation of the database over the cloned files.
 */
class ReflinkBackendBtrfsIT {

    @Test
    void aBranchOnBtrfsIsAClonedCopyAndSurvivesACrash() throws Exception {
        Assumptions.assumeTrue(PostgresBinaries.fromClasspath().majorVersion() <= 17, "the reflink backend serves PostgreSQL "
                + "15 to 17; the build runs this class on 17 in its reflink-backend execution");
        Path dir = Files.createDirectories(TestFilesystems.btrfs().resolve("reflink-backend-" + ProcessHandle.current().pid()));
        PostgresServer pg = TestClusters.in(dir.resolve("pg"), Map.of());
        try {
            pg.start();
            TestClusters.exec(pg, "postgres", "create database app");
            TestClusters.exec(pg, "app", "create table t(id int primary key, v text)",
                    "insert into t select g, repeat('x', 200) from generate_series(1, 20000) g");
            RefInfo info;
            try (Foldout fld = Foldout.connect(FoldoutConfig.builder().url(pg.url("app")).backend(ReflinkBackend.NAME).build())) {
                info = fld.branch("feature/x").info();
            }
            assertThat(info.copy().method()).isEqualTo(CopyMethod.CLONE);
            assertThat(info.copy().note()).startsWith("reflink on btrfs");
            assertThat(TestClusters.count(pg, "feature/x", "t")).isEqualTo(20000);
            TestClusters.exec(pg, "feature/x", "delete from t where id <= 500");

            crash(pg);
            pg.start();
            assertThat(TestClusters.count(pg, "feature/x", "t")).isEqualTo(19500);
            assertThat(TestClusters.count(pg, "app", "t")).isEqualTo(20000);
        } finally {
            TestClusters.destroy(dir, pg);
        }
    }

    /** Stops the server without a checkpoint, as a power cut would. */
    private static void crash(PostgresServer pg) throws Exception {
        List<String> cmd = pg.spec().account().command(List.of(pg.spec().binaries().bin("pg_ctl").toString(), "-D",
                pg.spec().dataDirectory().toString(), "-m", "immediate", "-w", "stop"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
