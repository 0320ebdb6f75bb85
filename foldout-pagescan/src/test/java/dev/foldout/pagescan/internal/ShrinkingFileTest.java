package dev.foldout.pagescan.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.pagescan.PageScanException;
import dev.foldout.pagescan.ReaderKind;
import dev.foldout.pagescan.Relation;
import dev.foldout.pagescan.TestPages;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A file truncated under an open reader: an exception to retry, never a crash (SIGBUS) or a wrong answer. */
class ShrinkingFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void aFileTruncatedUnderTheReaderIsReported(ReaderKind kind) throws Exception {
        List<byte[]> pages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pages.add(TestPages.page(i + 1));
        }
        Relation rel = TestPages.writeRelation(dir, 16500, TestPages.SMALL_SEGMENTS, pages);
        try (SegmentReader reader = Readers.open(kind, rel.path(), rel.geometry(), 0, 0, 4, false)) {
            BlockList before = new BlockList();
            reader.scan(0, before);
            assertThat(before.toArray()).containsExactly(0, 1, 2, 3);
            try (FileChannel ch = FileChannel.open(rel.path(), StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            assertThatThrownBy(() -> reader.scan(0, new BlockList()))
                    .isInstanceOf(PageScanException.class).hasMessageContaining("shrank while it was being read");
            assertThatThrownBy(() -> reader.read(3, new byte[8192]))
                    .isInstanceOf(PageScanException.class).hasMessageContaining("shrank");
        }
    }
}
