package dev.foldout.zfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import dev.foldout.InvalidNameException;
import dev.foldout.NameConflictException;
import dev.foldout.NotSupportedException;
import dev.foldout.testing.TestFoldout;
import dev.foldout.zfs.internal.ZfsCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input and failing steps: one clear error, and nothing half-made in the pool or the catalog. */
class ZfsBadInputIT {
    private static final CopyOptions ZFS = CopyOptions.DEFAULTS.withBackend("zfs");
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

    private static void assertNothingMade(Foldout fld) {
        assertThat(fld.instances()).isEmpty();
        assertThat(fld.branches()).isEmpty();
        assertThat(cluster.leftovers()).isEmpty();
    }

    @Test
    void aServerThatWillNotStartIsReportedWithItsLogAndRemoved() throws IOException {
        Path auto = cluster.server.spec().dataDirectory().resolve("postgresql.auto.conf");
        String before = Files.readString(auto);
        // the running parent does not re-read it; its copy will
        Files.writeString(auto, "\nwork_mem = 'lots'\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Foldout fld = cluster.foldout()) {
            assertThatThrownBy(() -> fld.defaultDatabase().branch("no-start", ZFS)).isInstanceOf(FoldoutException.class)
                    .hasMessageContaining("did not start").hasMessageContaining("work_mem");
            assertNothingMade(fld);
        } finally {
            Files.writeString(auto, before, StandardCharsets.UTF_8);
        }
    }

    @Test
    void noFreePortIsReportedBeforeAnythingIsMade() throws IOException {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            String range = busy.getLocalPort() + "-" + busy.getLocalPort();
            System.setProperty("foldout.instance.ports", range);
            try (Foldout fld = cluster.foldout()) {
                assertThatThrownBy(() -> fld.defaultDatabase().branch("no-port", ZFS)).isInstanceOf(FoldoutException.class)
                        .hasMessageContaining("no free port").hasMessageContaining(range);
                assertNothingMade(fld);
            } finally {
                System.clearProperty("foldout.instance.ports");
            }
        }
    }

    @Test
    void aTakenDatasetNameIsRefusedAndLeftAlone() {
        String taken = cluster.dataset + ".foldout/taken";
        assertThat(ZfsCommand.run("zfs", "create", "-p", taken).ok()).isTrue();
        try (Foldout fld = cluster.foldout()) {
            assertThatThrownBy(() -> fld.defaultDatabase().branch("taken", ZFS)).isInstanceOf(NameConflictException.class)
                    .hasMessageContaining(taken);
            assertThat(fld.instances()).isEmpty();
            assertThat(cluster.leftovers()).containsExactlyInAnyOrder(cluster.dataset + ".foldout", taken);
        } finally {
            dev.foldout.zfs.internal.Zfs.destroy(cluster.dataset + ".foldout", true);
        }
    }

    @Test
    void badNamesAndTakenNamesAreRefused() {
        try (Foldout fld = cluster.foldout()) {
            assertThatThrownBy(() -> fld.defaultDatabase().branch("a//b", ZFS)).isInstanceOf(InvalidNameException.class);
            assertThatThrownBy(() -> fld.defaultDatabase().branch("app", ZFS)).isInstanceOf(NameConflictException.class);
            fld.defaultDatabase().branch("once", ZFS);
            assertThatThrownBy(() -> fld.defaultDatabase().branch("once", ZFS)).isInstanceOf(NameConflictException.class);
            fld.getBranch("once").delete(false);
            assertNothingMade(fld);
        }
    }

    @Test
    void aClusterOffZfsIsRefusedWithTheReason() {
        TestFoldout.seed("offzfs", 1);
        try (Foldout fld = TestFoldout.connect("offzfs", "")) {
            assertThatThrownBy(() -> fld.defaultDatabase().branch("nope", ZFS)).isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("no ZFS dataset");
            assertThat(fld.instances()).isEmpty();
        } finally {
            TestFoldout.dropQuietly("offzfs");
        }
    }
}
