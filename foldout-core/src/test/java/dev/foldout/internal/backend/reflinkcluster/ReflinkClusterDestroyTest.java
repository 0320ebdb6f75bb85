package dev.foldout.internal.backend.reflinkcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.FoldoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a reflink-cluster branch removes only what lies where such a branch lives, whatever its catalog entry says. */
class ReflinkClusterDestroyTest {
    @TempDir
    Path dir;

    @Test
    void aLocationOutsideADotFoldoutDirectoryIsRefusedAndKept() throws Exception {
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(precious.resolve("keep.txt"), "mine");
        for (String location : new String[] {precious.toString(), dir.resolve("data.foldout/../precious").toString(), "precious"}) {
            assertThatThrownBy(() -> new ReflinkClusterBackend().destroy(location))
                    .isInstanceOf(FoldoutException.class).hasMessageContaining("refusing to act on");
        }
        assertThat(precious.resolve("keep.txt")).exists();
    }

    @Test
    void aBranchDirectoryInsideADotFoldoutDirectoryIsRemoved() throws Exception {
        Path branch = Files.createDirectories(dir.resolve("data.foldout/feature:x/data"));
        Files.writeString(branch.resolve("PG_VERSION"), "18");
        new ReflinkClusterBackend().destroy(dir.resolve("data.foldout/feature:x").toString());
        assertThat(dir.resolve("data.foldout/feature:x")).doesNotExist();
    }
}
