package dev.foldout.pagescan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.Lsn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChangedBlocksTest {
    private static final long BRANCH = 100;

    @TempDir
    Path dir;

    /** 10 blocks in 3 segments of 4; blocks 1, 4, 9 written after LSN 100; block 6 new (all zero). */
    private Relation tenBlocks() {
        List<byte[]> pages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pages.add(TestPages.page(i == 1 || i == 4 || i == 9 ? BRANCH + i : BRANCH - i));
        }
        pages.set(6, TestPages.newPage());
        return TestPages.writeRelation(dir, 16400, TestPages.SMALL_SEGMENTS, pages);
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void findsThePagesPastTheLsnInEverySegment(ReaderKind kind) {
        ChangedBlocks changed = PageScanner.using(kind).changedBlocks(tenBlocks(), new Lsn(BRANCH));
        assertThat(changed.toArray()).containsExactly(1, 4, 6, 9);
        assertThat(changed.blockCount()).isEqualTo(10);
        assertThat(changed.scannedBlocks()).isEqualTo(10);
        assertThat(changed.blockCountAtBranch()).isEqualTo(-1);
        assertThat(changed.contains(4)).isTrue();
        assertThat(changed.contains(5)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void comparesLsnsUnsignedAcrossTheWholeRange(ReaderKind kind) {
        Relation rel = TestPages.writeRelation(dir, 16401, TestPages.SMALL_SEGMENTS, List.of(
                TestPages.page(0xFFFF_FFFF_0000_0000L), TestPages.page(0x0000_0001_FFFF_FFFFL), TestPages.page(0x0000_0002_0000_0000L)));
        assertThat(PageScanner.using(kind).changedBlocks(rel, Lsn.parse("1/FFFFFFFF")).toArray()).containsExactly(0, 2);
        assertThat(PageScanner.using(kind).changedBlocks(rel, Lsn.parse("FFFFFFFF/0")).toArray()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void handlesEmptyRelationsAndTrailingEmptySegments(ReaderKind kind) throws Exception {
        Relation empty = TestPages.writeRelation(dir, 16402, TestPages.SMALL_SEGMENTS, List.of());
        assertThat(PageScanner.using(kind).changedBlocks(empty, Lsn.ZERO).blockCount()).isZero();

        Relation rel = tenBlocks();
        Files.write(rel.segmentPath(3), new byte[0]);   // left behind by a truncation
        assertThat(PageScanner.using(kind).changedBlocks(rel, new Lsn(BRANCH)).toArray()).containsExactly(1, 4, 6, 9);
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void followsAFullLastSegmentToAnEmptyNextOne(ReaderKind kind) throws Exception {
        List<byte[]> pages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pages.add(TestPages.page(i));
        }
        Relation rel = TestPages.writeRelation(dir, 16403, TestPages.SMALL_SEGMENTS, pages);
        assertThat(PageScanner.using(kind).changedBlocks(rel, new Lsn(5)).toArray()).containsExactly(6, 7);
        Files.write(rel.segmentPath(2), new byte[0]);
        assertThat(PageScanner.using(kind).changedBlocks(rel, new Lsn(5)).blockCount()).isEqualTo(8);
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void rejectsAMissingOrTruncatedSegment(ReaderKind kind) throws Exception {
        Relation rel = tenBlocks();
        Path middle = rel.segmentPath(1);
        byte[] saved = Files.readAllBytes(middle);

        Files.write(middle, java.util.Arrays.copyOf(saved, 2 * 8192));
        assertThatThrownBy(() -> PageScanner.using(kind).changedBlocks(rel, Lsn.ZERO))
                .isInstanceOfSatisfying(PageFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(middle);
                    assertThat(e.getMessage()).contains("2 blocks, fewer than a full segment's 4", rel.segmentPath(2).toString());
                });
        assertThatThrownBy(rel::stat).isInstanceOf(PageFormatException.class);

        Files.delete(middle);
        assertThatThrownBy(() -> PageScanner.using(kind).changedBlocks(rel, Lsn.ZERO))
                .isInstanceOfSatisfying(PageScanException.class, e -> {
                    assertThat(e.file()).isEqualTo(middle);
                    assertThat(e.getMessage()).contains("is missing", "blocks from 4 on");
                });
        Files.delete(rel.path());
        assertThatThrownBy(() -> PageScanner.using(kind).changedBlocks(rel, Lsn.ZERO))
                .isInstanceOf(MissingRelationFileException.class).hasMessageContaining("compare it in full");
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void statFilterSkipsUnchangedFilesAndReportsGrowthAndTruncation(ReaderKind kind) throws Exception {
        Relation rel = tenBlocks();
        FileTime old = FileTime.from(Instant.now().minusSeconds(60));
        for (int s = 0; s < 3; s++) {
            Files.setLastModifiedTime(rel.segmentPath(s), old);
        }
        RelationStat atBranch = rel.stat();
        assertThat(atBranch.blockCount(8192)).isEqualTo(10);

        ChangedBlocks nothingTouched = PageScanner.using(kind).changedBlocks(rel, new Lsn(BRANCH), atBranch);
        assertThat(nothingTouched.toArray()).isEmpty();
        assertThat(nothingTouched.scannedBlocks()).isZero();
        assertThat(nothingTouched.skippedBlocks()).isEqualTo(10);

        // segment 1 rewritten in place (same size, new mtime), segment 2 grows by two blocks (one past the LSN)
        Files.write(rel.segmentPath(1), Files.readAllBytes(rel.segmentPath(1)));
        byte[] more = new byte[2 * 8192];
        System.arraycopy(TestPages.page(1), 0, more, 0, 8192);
        System.arraycopy(TestPages.page(BRANCH + 50), 0, more, 8192, 8192);
        Files.write(rel.segmentPath(2), more, java.nio.file.StandardOpenOption.APPEND);
        ChangedBlocks grown = PageScanner.using(kind).changedBlocks(rel, new Lsn(BRANCH), atBranch);
        assertThat(grown.toArray()).containsExactly(4, 6, 9, 10, 11);
        assertThat(grown.skippedBlocks()).isEqualTo(4);
        assertThat(grown.scannedBlocks()).isEqualTo(4 + 2);
        assertThat(grown.blockCount()).isEqualTo(12);
        assertThat(grown.removedBlocks()).isZero();

        // a VACUUM truncates the relation to 5 blocks
        Files.delete(rel.segmentPath(2));
        try (var ch = java.nio.channels.FileChannel.open(rel.segmentPath(1), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(8192);
        }
        ChangedBlocks truncated = PageScanner.using(kind).changedBlocks(rel, new Lsn(BRANCH), atBranch);
        assertThat(truncated.toArray()).containsExactly(4);
        assertThat(truncated.blockCount()).isEqualTo(5);
        assertThat(truncated.removedBlocks()).isEqualTo(5);
        assertThat(truncated.isEmpty()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void neverTrustsAnMtimeTooCloseToTheRecording(ReaderKind kind) {
        Relation rel = tenBlocks();
        RelationStat atBranch = rel.stat();   // files written just now: their mtime may not move on the next write
        ChangedBlocks changed = PageScanner.using(kind).changedBlocks(rel, new Lsn(BRANCH), atBranch);
        assertThat(changed.skippedBlocks()).isZero();
        assertThat(changed.toArray()).containsExactly(1, 4, 6, 9);
    }

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void refusesTheStatOfAnotherRelfilenode(ReaderKind kind) {
        Relation rel = tenBlocks();
        RelationStat other = new RelationStat(99, 0, List.of(new RelationFileStat(99, 0, 0, 0)));
        assertThatThrownBy(() -> PageScanner.using(kind).changedBlocks(rel, Lsn.ZERO, other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rewritten");
    }
}
