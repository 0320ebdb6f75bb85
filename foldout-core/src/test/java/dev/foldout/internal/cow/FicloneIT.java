package dev.foldout.internal.cow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.NotSupportedException;
import dev.foldout.testing.TestFilesystems;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FICLONE, FIEMAP and tree clones on the real XFS and btrfs of the build, and the errors elsewhere. */
class FicloneIT {
    private Path dir;

    @AfterEach
    void cleanUp() throws IOException {
        if (dir != null) {
            Trees.delete(dir, false);
        }
    }

    private Path on(Path fs) throws IOException {
        dir = Files.createDirectories(fs.resolve("ficlone-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
        return dir;
    }

    private static Path file(Path p, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new Random(42).nextBytes(data);
        return Files.write(p, data);
    }

    @Test
    void aCloneOnXfsHasTheSameBytesSharesItsExtentsAndSplitsOnWrite() throws IOException {
        Path d = on(TestFilesystems.xfs());
        Path a = file(d.resolve("a"), 1 << 20);
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rw-r-----"));
        Path b = d.resolve("b");
        assertThat(Ficlone.cloneFile(a, b)).isEqualTo(1 << 20);
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b))).isEqualTo("rw-r-----");
        assertThat(Extents.of(b)).hasValueSatisfying(s -> assertThat(s.sharedBytes()).isEqualTo(1 << 20));
        try (RandomAccessFile raf = new RandomAccessFile(b.toFile(), "rw")) {
            raf.write(new byte[65536]);
        }
        assertThat(Files.readAllBytes(a)[0]).isNotZero();
        assertThat(Extents.of(b)).hasValueSatisfying(s -> assertThat(s.sharedBytes()).isEqualTo((1 << 20) - 65536));
        assertThat(Ficlone.probe(d)).isEmpty();
    }

    @Test
    void btrfsClonesToo() throws IOException {
        Path d = on(TestFilesystems.btrfs());
        Path a = file(d.resolve("a"), 256 * 1024);
        Ficlone.cloneFile(a, d.resolve("b"));
        assertThat(Extents.of(d.resolve("b"))).hasValueSatisfying(s -> assertThat(s.sharedBytes()).isEqualTo(256 * 1024));
    }

    @Test
    void anotherFileSystemIsRefusedNamingBothFilesAndLeavesNoTarget() throws IOException {
        Path a = file(on(TestFilesystems.xfs()).resolve("a"), 8192);
        Path other = Files.createDirectories(TestFilesystems.btrfs().resolve("ficlone-x-" + ProcessHandle.current().pid()));
        try {
            Path b = other.resolve("b");
            assertThatThrownBy(() -> Ficlone.cloneFile(a, b)).isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("different file systems").hasMessageContaining(a.toString()).hasMessageContaining(b.toString());
            assertThat(b).doesNotExist();
        } finally {
            Trees.delete(other, false);
        }
    }

    @Test
    void aFileSystemWithoutReflinkIsNamedInTheError() throws IOException {
        Path tmp = Files.createTempDirectory("ficlone-");
        try {
            TestFilesystems.require(!java.util.Set.of("xfs", "btrfs", "zfs").contains(Files.getFileStore(tmp).type()),
                    "the temporary directory is on a reflink file system");
            Path a = file(tmp.resolve("a"), 8192);
            assertThatThrownBy(() -> Ficlone.cloneFile(a, tmp.resolve("b"))).isInstanceOf(NotSupportedException.class)
                    .hasMessageContaining("does not support reflink").hasMessageContaining(Files.getFileStore(tmp).type());
            assertThat(tmp.resolve("b")).doesNotExist();
            assertThat(Ficlone.probe(tmp)).hasValueSatisfying(r -> assertThat(r).contains("does not support reflink"));
            assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).containsExactly("a");
        } finally {
            Trees.delete(tmp, false);
        }
    }

    @Test
    void aTreeCloneKeepsDirectoriesLinksAndModesAndFollowsTheRule() throws IOException {
        Path d = on(TestFilesystems.xfs());
        Path src = Files.createDirectories(d.resolve("src/sub/deeper"));
        file(d.resolve("src/top"), 4096);
        file(d.resolve("src/sub/deeper/f"), 12288);
        file(d.resolve("src/sub/skipme"), 10);
        Files.createSymbolicLink(d.resolve("src/link"), Path.of("sub/deeper/f"));
        Files.setPosixFilePermissions(d.resolve("src/sub"), PosixFilePermissions.fromString("rwx------"));
        TreeClone.Result r = TreeClone.cloneTree(d.resolve("src"), d.resolve("dst"),
                (rel, attrs) -> rel.getFileName().toString().equals("skipme") ? TreeClone.Action.SKIP : TreeClone.Action.CLONE);
        assertThat(r.files()).isEqualTo(2);
        assertThat(r.bytes()).isEqualTo(4096 + 12288);
        assertThat(d.resolve("dst/sub/skipme")).doesNotExist();
        assertThat(Files.readSymbolicLink(d.resolve("dst/link"))).isEqualTo(Path.of("sub/deeper/f"));
        assertThat(Files.readAllBytes(d.resolve("dst/link"))).isEqualTo(Files.readAllBytes(src.resolve("f")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("dst/sub"), LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rwx------");
    }
}
