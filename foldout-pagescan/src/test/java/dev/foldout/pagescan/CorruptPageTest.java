package dev.foldout.pagescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.Lsn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Corrupt input: every reader stops with an exception naming file, block and field, never a wrong answer. */
class CorruptPageTest {
    @TempDir
    Path dir;

    static Stream<Arguments> corruptions() {
        List<Arguments> all = new ArrayList<>();
        for (ReaderKind kind : ReaderKind.values()) {
            all.add(Arguments.of(kind, "pd_lower", (UnaryOperator<byte[]>) p -> TestPages.u16(p, PageLayout.PD_LOWER, 12)));
            all.add(Arguments.of(kind, "pd_lower", (UnaryOperator<byte[]>) p -> TestPages.u16(p, PageLayout.PD_LOWER, 8100)));
            all.add(Arguments.of(kind, "pd_upper", (UnaryOperator<byte[]>) p -> TestPages.u16(p, PageLayout.PD_SPECIAL, 8000)));
            all.add(Arguments.of(kind, "pd_special", (UnaryOperator<byte[]>) p -> TestPages.u16(
                    TestPages.u16(p, PageLayout.PD_UPPER, 8180), PageLayout.PD_SPECIAL, 8190)));
            all.add(Arguments.of(kind, "pd_special", (UnaryOperator<byte[]>) p -> TestPages.u16(p, PageLayout.PD_SPECIAL, 9000)));
            all.add(Arguments.of(kind, "pd_flags", (UnaryOperator<byte[]>) p -> TestPages.u16(p, PageLayout.PD_FLAGS, 0x10)));
            all.add(Arguments.of(kind, "pd_pagesize_version", (UnaryOperator<byte[]>) p -> TestPages.u16(
                    p, PageLayout.PD_PAGESIZE_VERSION, 4096 | 4)));
            all.add(Arguments.of(kind, "pd_pagesize_version", (UnaryOperator<byte[]>) p -> TestPages.u16(
                    p, PageLayout.PD_PAGESIZE_VERSION, 8192 | 3)));
            all.add(Arguments.of(kind, "pd_pagesize_version", (UnaryOperator<byte[]>) CorruptPageTest::bigEndian));
            all.add(Arguments.of(kind, "pd_upper", (UnaryOperator<byte[]>) p -> {
                byte[] zero = new byte[8192];
                zero[5000] = 1;
                return zero;
            }));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("corruptions")
    void namesFileBlockAndField(ReaderKind kind, String field, UnaryOperator<byte[]> damage) {
        List<byte[]> pages = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            pages.add(TestPages.page(i + 1));
        }
        pages.set(5, damage.apply(pages.get(5)));
        Relation rel = TestPages.writeRelation(dir, 16390, TestPages.SMALL_SEGMENTS, pages);
        Path file = rel.segmentPath(1);

        assertThatThrownBy(() -> PageScanner.using(kind).changedBlocks(rel, Lsn.ZERO))
                .isInstanceOfSatisfying(PageFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.block()).isEqualTo(5);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(file.toString(), "block 5", field);
                });
        try (RelationReader reader = PageScanner.using(kind).open(rel)) {
            assertThat(reader.header(4).lsn().value()).isEqualTo(5);
            assertThatThrownBy(() -> reader.page(5)).isInstanceOf(PageFormatException.class).hasMessageContaining(field);
        }
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void rejectsALinePointerOutsideItsPage(ReaderKind kind) {
        byte[] p = TestPages.heapPage(8192, 9, 3);
        TestPages.u32(p, 24 + 4, 8190 | 1 << 15 | 40 << 17);
        Relation rel = TestPages.writeRelation(dir, 16391, TestPages.SMALL_SEGMENTS, List.of(p));
        try (RelationReader reader = PageScanner.using(kind).open(rel)) {
            assertThatThrownBy(() -> reader.page(0)).isInstanceOfSatisfying(PageFormatException.class, e -> {
                assertThat(e.field()).isEqualTo("lp_off");
                assertThat(e.getMessage()).contains("line pointer 2", "block 0");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void rejectsAFileOfPartialBlocks(ReaderKind kind) throws Exception {
        Relation rel = TestPages.writeRelation(dir, 16392, TestPages.SMALL_SEGMENTS, List.of(TestPages.page(1)));
        Files.write(rel.path(), new byte[100], java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> PageScanner.using(kind).changedBlocks(rel, Lsn.ZERO))
                .isInstanceOfSatisfying(PageFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo("file size");
                    assertThat(e.value()).isEqualTo("8292");
                    assertThat(e.getMessage()).contains(rel.path().toString(), "not a whole number of 8192-byte blocks");
                });
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void rejectsASegmentLongerThanTheSegmentSize(ReaderKind kind) {
        PageGeometry big = new PageGeometry(8192, 8 * 8192);
        List<byte[]> pages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pages.add(TestPages.page(i + 1));
        }
        TestPages.writeRelation(dir, 16393, big, pages);
        Relation rel = Relation.of(dir.resolve("16393"), TestPages.SMALL_SEGMENTS);
        assertThatThrownBy(() -> PageScanner.using(kind).changedBlocks(rel, Lsn.ZERO))
                .isInstanceOf(PageFormatException.class).hasMessageContaining("SHOW segment_size");
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void rejectsTheWrongBlockSize(ReaderKind kind) {
        Relation written = TestPages.writeRelation(dir, 16394, TestPages.SMALL_SEGMENTS, List.of(TestPages.page(1), TestPages.page(2)));
        Relation rel = Relation.of(written.path(), new PageGeometry(4096, 4096 * 8));
        assertThatThrownBy(() -> PageScanner.using(kind).changedBlocks(rel, Lsn.ZERO))
                .isInstanceOfSatisfying(PageFormatException.class, e -> {
                    assertThat(e.block()).isZero();
                    assertThat(e.field()).isEqualTo("pd_pagesize_version");
                    assertThat(e.getMessage()).contains("page size 8192", "expected page size 4096");
                });
    }

    private static byte[] bigEndian(byte[] page) {
        for (int i = 8; i < 24; i += 2) {
            byte t = page[i];
            page[i] = page[i + 1];
            page[i + 1] = t;
        }
        return page;
    }
}
