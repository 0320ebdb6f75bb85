package dev.foldout.bench.pagescan;

import dev.foldout.pagescan.PageLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Writes a relation-like file: heap pages with valid headers, 40 line pointers each, page LSNs rising with
 * the block number and one page in a hundred past {@link #SINCE}. Written either one 8 KiB page per write, as
 * PostgreSQL writes its files (the page cache then holds the file in small folios: every 4 KiB page is mapped
 * on its own), or 1 MiB per write (large folios, as readahead makes when a file is read back from disk: a
 * mapping needs far fewer page faults). Kept between runs: a file of the right size with a valid first page
 * is reused.
 */
final class RelationFileGenerator {
    /** The block size of the generated file. */
    static final int BLOCK_SIZE = 8192;
    /** The LSN the benchmark scans from: about 1 % of the generated pages are past it. */
    static final long SINCE = 0x0000_0002_0000_0000L;

    private static final int ITEMS = 40;
    private static final int TUPLE = 180;

    private RelationFileGenerator() {
    }

    /**
     * The file {@code dir/16384} of {@code blocks} blocks, generated unless it is there already, written
     * {@code pagesPerWrite} pages per write call.
     */
    static Path ensure(Path dir, long blocks, int pagesPerWrite) {
        Path file = dir.resolve("16384");
        try {
            if (Files.isRegularFile(file) && Files.size(file) == blocks * BLOCK_SIZE && firstPageValid(file)) {
                return file;
            }
            Files.createDirectories(dir);
            Path tmp = dir.resolve("16384.tmp");
            write(tmp, blocks, pagesPerWrite);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the relation file in " + dir, e);
        }
    }

    private static void write(Path file, long blocks, int pagesPerWrite) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        int perChunk = 128;
        ByteBuffer chunk = ByteBuffer.allocateDirect(perChunk * BLOCK_SIZE).order(PageLayout.BYTE_ORDER);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (long first = 0; first < blocks; first += perChunk) {
                chunk.clear();
                int n = (int) Math.min(perChunk, blocks - first);
                for (int i = 0; i < n; i++) {
                    long lsn = random.nextInt(100) == 0 ? SINCE + first + i + 1 : 0x1_0000_0000L + (first + i) * 64;
                    page(chunk, i * BLOCK_SIZE, lsn, random);
                }
                for (int i = 0; i < n; i += pagesPerWrite) {
                    chunk.limit(Math.min(n, i + pagesPerWrite) * BLOCK_SIZE).position(i * BLOCK_SIZE);
                    while (chunk.hasRemaining()) {
                        ch.write(chunk);
                    }
                }
            }
        }
    }

    private static void page(ByteBuffer b, int at, long lsn, SplittableRandom random) {
        for (int i = 0; i < BLOCK_SIZE; i += 8) {
            b.putLong(at + i, random.nextLong());   // tuple bytes: not compressible, not zero
        }
        b.putInt(at + PageLayout.PD_LSN_XLOGID, (int) (lsn >>> 32));
        b.putInt(at + PageLayout.PD_LSN_XRECOFF, (int) lsn);
        b.putShort(at + PageLayout.PD_CHECKSUM, (short) 0);
        b.putShort(at + PageLayout.PD_FLAGS, (short) 0);
        b.putShort(at + PageLayout.PD_LOWER, (short) (PageLayout.HEADER_SIZE + ITEMS * PageLayout.LINE_POINTER_SIZE));
        b.putShort(at + PageLayout.PD_UPPER, (short) (BLOCK_SIZE - ITEMS * TUPLE));
        b.putShort(at + PageLayout.PD_SPECIAL, (short) BLOCK_SIZE);
        b.putShort(at + PageLayout.PD_PAGESIZE_VERSION, (short) (BLOCK_SIZE | PageLayout.LAYOUT_VERSION));
        b.putInt(at + PageLayout.PD_PRUNE_XID, 0);
        for (int i = 0; i < ITEMS; i++) {
            int off = BLOCK_SIZE - (i + 1) * TUPLE;
            b.putInt(at + PageLayout.HEADER_SIZE + i * 4, off | 1 << PageLayout.LP_FLAGS_SHIFT | TUPLE << PageLayout.LP_LEN_SHIFT);
        }
    }

    private static boolean firstPageValid(Path file) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(PageLayout.HEADER_SIZE).order(PageLayout.BYTE_ORDER);
        try (FileChannel ch = FileChannel.open(file)) {
            ch.read(header, 0);
        }
        return header.getShort(PageLayout.PD_PAGESIZE_VERSION) == (BLOCK_SIZE | PageLayout.LAYOUT_VERSION);
    }
}
