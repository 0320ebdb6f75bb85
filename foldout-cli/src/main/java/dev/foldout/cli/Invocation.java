package dev.foldout.cli;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a command line runs: the working directory its relative paths and {@code foldout.json} are read from, and
 * whether its stderr is a terminal (progress is shown only then). The process's own, unless the resident JVM runs the
 * command line of another process ({@link dev.foldout.cli.resident}).
 *
 * @param workingDir an absolute directory
 * @param terminal whether stderr is a terminal
 */
public record Invocation(Path workingDir, boolean terminal) {
    private static volatile Invocation given;

    /** Checks that the directory is absolute. */
    public Invocation {
        Objects.requireNonNull(workingDir, "workingDir");
        if (!workingDir.isAbsolute()) {
            throw new IllegalArgumentException("the working directory must be absolute: " + workingDir);
        }
    }

    /** The command line now running: the one {@link #use} gave, else this process's. */
    public static Invocation current() {
        Invocation g = given;
        return g != null ? g : new Invocation(Path.of("").toAbsolutePath(), System.console() != null);
    }

    /** Runs the command lines that follow as {@code invocation}; null goes back to this process's own. */
    public static void use(Invocation invocation) {
        given = invocation;
    }

    /** {@code path} as the command line means it: relative to its working directory. */
    public Path resolve(String path) {
        return workingDir.resolve(path);
    }
}
