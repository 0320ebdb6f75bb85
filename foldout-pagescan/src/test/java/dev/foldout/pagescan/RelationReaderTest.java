package dev.foldout.pagescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.Lsn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RelationReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void readsHeadersAndLinePointersAcrossSegments(ReaderKind kind) {
        Relation rel = TestPages.writeRelation(dir, 16384, TestPages.SMALL_SEGMENTS, List.of(
                TestPages.page(1), TestPages.page(2), TestPages.newPage(), TestPages.page(4),
                TestPages.heapPage(8192, 0x0000_0007_0000_0010L, 5), TestPages.page(6)));
        RelationReader reader = PageScanner.using(kind).open(rel);
        try {
            assertThat(reader.blockCount()).isEqualTo(6);
            assertThat(reader.stat().files()).hasSize(2);

            PageHeader h = reader.header(4);
            assertThat(h.lsn()).isEqualTo(Lsn.parse("7/10"));
            assertThat(h.checksum()).isEqualTo(0x1234);
            assertThat(h.flags()).isEqualTo(4);
            assertThat(h.lower()).isEqualTo(24 + 5 * 4);
            assertThat(h.upper()).isEqualTo(8192 - 5 * TestPages.TUPLE);
            assertThat(h.special()).isEqualTo(8192);
            assertThat(h.pageSize()).isEqualTo(8192);
            assertThat(h.layoutVersion()).isEqualTo(4);
            assertThat(h.pruneXid()).isEqualTo(0xFFFF_FFF0L);
            assertThat(h.lineCount()).isEqualTo(5);
            assertThat(h.isNew()).isFalse();

            Page page = reader.page(4);
            assertThat(page.block()).isEqualTo(4);
            assertThat(page.linePointers()).hasSize(5);
            LinePointer second = page.linePointer(2);
            assertThat(second.offsetNumber()).isEqualTo(2);
            assertThat(second.offset()).isEqualTo(8192 - 2 * TestPages.TUPLE);
            assertThat(second.length()).isEqualTo(TestPages.TUPLE);
            assertThat(second.state()).isEqualTo(LinePointer.State.NORMAL);

            Page fresh = reader.page(2);
            assertThat(fresh.header().isNew()).isTrue();
            assertThat(fresh.linePointers()).isEmpty();

            assertThatThrownBy(() -> reader.page(6)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> page.linePointer(6)).isInstanceOf(IndexOutOfBoundsException.class);
        } finally {
            reader.close();
        }
        reader.close();
        assertThatThrownBy(() -> reader.page(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void decodesLinePointerStates(ReaderKind kind) {
        byte[] p = TestPages.heapPage(8192, 5, 4);
        TestPages.u32(p, 24 + 4, 0);                                  // unused
        TestPages.u32(p, 24 + 8, 1 | 2 << 15);                       // redirect to offset 1
        TestPages.u32(p, 24 + 12, 3 << 15);                          // dead, no storage
        Relation rel = TestPages.writeRelation(dir, 16385, TestPages.SMALL_SEGMENTS, List.of(p));
        try (RelationReader reader = PageScanner.using(kind).open(rel)) {
            assertThat(reader.page(0).linePointers()).extracting(LinePointer::state).containsExactly(
                    LinePointer.State.NORMAL, LinePointer.State.UNUSED, LinePointer.State.REDIRECT, LinePointer.State.DEAD);
            assertThat(reader.page(0).linePointer(3).offset()).isEqualTo(1);
        }
    }
}
