package dev.foldout.bench.pagescan;

import dev.foldout.Lsn;
import dev.foldout.pagescan.ChangedBlocks;
import dev.foldout.pagescan.PageGeometry;
import dev.foldout.pagescan.PageScanner;
import dev.foldout.pagescan.ReaderKind;
import dev.foldout.pagescan.Relation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full changed-block scan of a relation file (every page header read and checked, the pages past an LSN
 * collected), per reader: {@code ffm}, {@code mapped}, {@code channel} through {@link PageScanner}, and
 * {@code native}, the C mmap scan of {@code src/main/c/pagescan.c} on the same file. GB/s of relation data is
 * the file size divided by the time per operation (printed at the end of each trial).
 *
 * <p>{@code path} empty: a 1 GiB relation-like file is generated (once, per {@code folios}) under
 * {@code java.io.tmpdir}; otherwise
 * that file (the first segment of a relation, named by its relfilenode; later segments are followed) is
 * scanned with {@code blockSize}/{@code segmentSize} and {@code lsn} (default: past every page: nothing changed).
 * Run on a JDK 22+ for the FFM reader.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PageScanBenchmark {
    /** The generated file: 1 GiB, one full segment. */
    static final long GENERATED_BLOCKS = (1L << 30) / RelationFileGenerator.BLOCK_SIZE;

    /** The reader. */
    @Param({"ffm", "mapped", "channel", "native"})
    public String reader;

    /** The relation file to scan; empty: generate one. */
    @Param({""})
    public String path;

    /**
     * How the generated file is written, which decides how the page cache holds it: {@code small}, one 8 KiB
     * page per write as PostgreSQL writes (small folios); {@code large}, 1 MiB per write (large folios, as
     * after readahead from disk). Ignored for a given {@code path}.
     */
    @Param({"small", "large"})
    public String folios;

    /** The LSN to scan from; empty: the generated file's (about 1 % changed), or past every page of a given file. */
    @Param({""})
    public String lsn;

    /** {@code SHOW block_size} of the cluster the file comes from. */
    @Param({"8192"})
    public String blockSize;

    /** {@code SHOW segment_size} of the cluster the file comes from. */
    @Param({"1GB"})
    public String segmentSize;

    private Relation relation;
    private Lsn since;
    private PageScanner scanner;
    private NativeScan nativeScan;
    private long bytes;
    private long operations;
    private long nanos;
    private long started;

    /** Generates or finds the file, starts the reader. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path file;
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "foldout-pagescan-bench");
        if (path.isEmpty()) {
            boolean small = folios.equals("small");
            file = RelationFileGenerator.ensure(work.resolve(folios), GENERATED_BLOCKS, small ? 1 : 128);
            since = lsn.isEmpty() ? new Lsn(RelationFileGenerator.SINCE) : Lsn.parse(lsn);
        } else {
            file = Path.of(path);
            since = lsn.isEmpty() ? Lsn.parse("FFFFFFFF/FFFFFFFF") : Lsn.parse(lsn);
        }
        relation = Relation.of(file, PageGeometry.fromSettings(blockSize, segmentSize));
        bytes = relation.blockCount() * relation.geometry().blockSize();
        if (reader.equals("native")) {
            if (relation.geometry().segmentSize() < Files.size(file) || relation.blockCount() * relation.geometry().blockSize() != Files.size(file)) {
                throw new IllegalStateException("the native scan reads one file: give a single-segment relation");
            }
            nativeScan = NativeScan.start(work, relation.geometry().blockSize());
        } else {
            scanner = PageScanner.using(ReaderKind.parse(reader));
        }
    }

    /** Starts the clock of an iteration (for the GB/s line). */
    @Setup(Level.Iteration)
    public void startIteration() {
        started = System.nanoTime();
    }

    /** Stops it. */
    @TearDown(Level.Iteration)
    public void stopIteration() {
        nanos += System.nanoTime() - started;
    }

    /** One full scan; returns the number of changed blocks. */
    @Benchmark
    public long scan() {
        operations++;
        if (nativeScan != null) {
            return nativeScan.scan(relation.path(), since.toString());
        }
        ChangedBlocks changed = scanner.changedBlocks(relation, since);
        return changed.count();
    }

    /** Stops the native scanner; prints the throughput over warm-up and measurement. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (nativeScan != null) {
            nativeScan.close();
        }
        if (operations > 0) {
            double perScan = nanos / (double) operations;
            System.out.printf(Locale.ROOT, "%n%s: %d scans of %.2f GB, %.1f ms each, %.2f GB/s (all iterations)%n", reader,
                    operations, bytes / 1e9, perScan / 1e6, bytes / perScan);
        }
    }
}
