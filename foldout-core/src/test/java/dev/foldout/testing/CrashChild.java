package dev.foldout.testing;

import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Foldout process to kill: run in a child JVM with {@code -Dfoldout.failpoint=OP:N}, it makes or deletes one instance
 * branch, or snapshots one, and the failpoint halts it half-way (exit status 86). Arguments: {@code branch URL BACKEND
 * NAME}, {@code delete URL NAME}, {@code snapshot URL BRANCH SNAPSHOT}, or {@code merge|rebase|reset URL BRANCH}.
 */
public final class CrashChild {
    /** The exit status of a JVM halted at a failpoint. */
    public static final int HALTED = 86;

    private CrashChild() {
    }

    /** Runs the operation; exits 0 if no failpoint stopped it. */
    public static void main(String[] args) {
        try (Foldout fld = Foldout.connect(args[1])) {
            switch (args[0]) {
                case "branch" -> fld.defaultDatabase().branch(args[3], CopyOptions.DEFAULTS.withBackend(args[2]));
                case "snapshot" -> fld.getBranch(args[2]).snapshot(args[3], CopyOptions.DEFAULTS);
                case "delete" -> fld.getBranch(args[2]).delete(false);
                case "merge" -> fld.getBranch(args[2]).merge();
                case "rebase" -> fld.getBranch(args[2]).rebase(dev.foldout.MergeOptions.DEFAULTS);
                case "reset" -> fld.getBranch(args[2]).reset(false);
                default -> throw new IllegalArgumentException("unknown operation " + args[0]);
            }
        }
        System.exit(0);
    }

    /**
     * Runs {@code op} with its arguments in a child JVM halted at {@code failpoint} ({@code OP:N}); returns its exit
     * status ({@link #HALTED} when the failpoint stopped it, 0 when the operation finished first).
     */
    public static int run(String failpoint, String jdbcUrlWithCredentials, String op, String... args)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a JVM that lives a second: the client compiler alone and the serial collector start it sooner (as bin/foldout)
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), "-Dfoldout.failpoint=" + failpoint,
                CrashChild.class.getName(), op, jdbcUrlWithCredentials));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("foldout-crash-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child did not finish: " + Files.readString(log));
            }
            if (p.exitValue() != HALTED) {
                System.err.println("child output (" + failpoint + "): " + Files.readString(log));
            }
            return p.exitValue();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
