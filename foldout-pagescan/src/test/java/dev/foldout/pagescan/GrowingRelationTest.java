package dev.foldout.pagescan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.Lsn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A relation that grows, block after block and segment after segment, while it is scanned again and again. */
class GrowingRelationTest {
    private static final int BLOCKS = 600;
    private static final long SINCE = 1000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ReaderKind.class)
    void everyScanSeesAConsistentPrefix(ReaderKind kind) {
        Relation rel = TestPages.writeRelation(dir, 16600, TestPages.SMALL_SEGMENTS, java.util.List.of(page(0)));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> append(rel));
        PageScanner scanner = PageScanner.using(kind);
        int scans = 0;
        long last = 0;
        while (!writer.isDone() || scans == 0) {
            ChangedBlocks changed = scanner.changedBlocks(rel, new Lsn(SINCE));
            assertThat(changed.blockCount()).isGreaterThanOrEqualTo(last);
            last = changed.blockCount();
            assertThat(changed.toArray()).containsExactly(expected(last));
            scans++;
        }
        writer.join();
        ChangedBlocks all = scanner.changedBlocks(rel, new Lsn(SINCE));
        assertThat(all.blockCount()).isEqualTo(BLOCKS);
        assertThat(all.toArray()).containsExactly(expected(BLOCKS));
        assertThat(scans).isGreaterThan(1);
    }

    private static long[] expected(long blocks) {
        return LongStream.range(0, blocks).filter(b -> b % 3 == 0).toArray();
    }

    private static byte[] page(long block) {
        return TestPages.page(block % 3 == 0 ? SINCE + block + 1 : SINCE - 1);
    }

    private static void append(Relation rel) {
        long perSegment = rel.geometry().blocksPerSegment();
        try {
            for (long b = 1; b < BLOCKS; b++) {
                Path file = rel.segmentPath((int) (b / perSegment));
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    ch.write(ByteBuffer.wrap(page(b)));
                }
                if (b % 4 == 0) {
                    Thread.sleep(1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
