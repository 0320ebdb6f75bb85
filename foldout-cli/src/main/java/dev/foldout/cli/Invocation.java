package dev.foldout.cli;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a command line runs: the working directory its relative paths and {@code foldout.json} are read from, and
 * whether it has a console (stdin and stdout are terminals, as {@code System.console()} says: progress is shown and
 * usage coloured only then). The process's own, unless the resident JVM runs the command line of another process
 * ({@link dev.foldout.cli.resident}).
 *
 * @param workingDir an absolute directory
 * @param terminal whether the command has a console
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

    /** Whether the command line now running is another process's, run by the resident JVM. */
    public static boolean served() {
        return given != null;
    }

    /**
     * Whether picocli colours usage for this command line, as it decides in a JVM of the command's own: never with
     * {@code NO_COLOR} or {@code CLICOLOR=0} or {@code -Dpicocli.ansi=false}; always with {@code CLICOLOR_FORCE} (not 0)
     * or {@code -Dpicocli.ansi=true}; else on a console.
     */
    public picocli.CommandLine.Help.Ansi ansi() {
        String property = System.getProperty("picocli.ansi");
        boolean on;
        if ("true".equalsIgnoreCase(property) || "false".equalsIgnoreCase(property)) {
            on = Boolean.parseBoolean(property);
        } else if (System.getenv("NO_COLOR") != null) {
            on = false;
        } else if (System.getenv("CLICOLOR_FORCE") != null && !"0".equals(System.getenv("CLICOLOR_FORCE"))) {
            on = true;
        } else {
            on = terminal && !"0".equals(System.getenv("CLICOLOR"));
        }
        return on ? picocli.CommandLine.Help.Ansi.ON : picocli.CommandLine.Help.Ansi.OFF;
    }

    /** {@code path} as the command line means it: relative to its working directory. */
    public Path resolve(String path) {
        return workingDir.resolve(path);
    }
}
