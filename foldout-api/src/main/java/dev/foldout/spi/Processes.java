package dev.foldout.spi;

import dev.foldout.FoldoutException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with an argument array (never through a shell), with a time limit: for backends that drive a
 * storage tool (the zfs command) and for Foldout's own running of PostgreSQL servers.
 */
public final class Processes {
    private Processes() {
    }

    /** What a finished program printed and returned, stdout and stderr together. */
    public record Result(int exitCode, String output) {
        /** Whether it exited with 0. */
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command} (no shell) in {@code workDir} with extra environment; kills it after the time limit. */
    public static Result run(List<String> command, Map<String, String> env, Path workDir, long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new FoldoutException("could not run " + command.get(0) + ": " + e.getMessage()
                    + " - check that it is installed and executable", e);
        }
        try (InputStream in = p.getInputStream()) {
            p.getOutputStream().close();
            byte[] out = in.readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new FoldoutException(command.get(0) + " did not finish within " + timeoutSeconds + " s and was killed");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            p.destroyForcibly();
            throw new FoldoutException("could not read the output of " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FoldoutException("interrupted while running " + command.get(0), e);
        }
    }

    /** The last {@code n} lines of a text, joined by " | ", for one-line error messages. */
    public static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\\R");
        int from = Math.max(0, lines.length - n);
        return String.join(" | ", java.util.Arrays.asList(lines).subList(from, lines.length));
    }
}
