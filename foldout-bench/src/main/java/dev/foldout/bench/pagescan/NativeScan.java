package dev.foldout.bench.pagescan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The native bar: {@code src/main/c/pagescan.c}, compiled with gcc when the benchmark starts and kept running
 * ({@code --serve}), asked for one full scan per benchmark operation over a pipe. The pipe's round trip
 * (tens of microseconds) is counted against C; the scan itself is the same mmap-per-scan work as the Java readers.
 */
final class NativeScan implements AutoCloseable {
    /** Where the C source is; by default looked up from the working directory. */
    static final String SOURCE_PROPERTY = "foldout.bench.native.source";

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private NativeScan(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Compiles the scanner into {@code workDir} and starts it for {@code blockSize}-byte pages. */
    static NativeScan start(Path workDir, int blockSize) {
        Path source = source();
        Path binary = workDir.resolve("pagescan-native");
        try {
            Files.createDirectories(workDir);
            run(List.of("gcc", "-O2", "-Wall", "-o", binary.toString(), source.toString()));
            Process p = new ProcessBuilder(binary.toString(), "--serve", Integer.toString(blockSize))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new NativeScan(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build or start the native scanner from " + source, e);
        }
    }

    /** One full scan of {@code file}: the number of pages past {@code since}. */
    long scan(Path file, String since) {
        try {
            in.write(since + " " + file + "\n");
            in.flush();
            String line = out.readLine();
            long count = line == null ? -1 : Long.parseLong(line.strip());
            if (count < 0) {
                throw new IllegalStateException("the native scanner failed on " + file + " (see its stderr)");
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("the native scanner stopped", e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }

    private static Path source() {
        String configured = System.getProperty(SOURCE_PROPERTY, "");
        List<Path> candidates = configured.isEmpty()
                ? List.of(Path.of("foldout-bench/src/main/c/pagescan.c"), Path.of("src/main/c/pagescan.c"))
                : List.of(Path.of(configured));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("cannot find pagescan.c (tried " + candidates + " from " + Path.of("").toAbsolutePath()
                + "): run from the repository root or set -D" + SOURCE_PROPERTY + "=...");
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling the native scanner", e);
        }
    }
}
