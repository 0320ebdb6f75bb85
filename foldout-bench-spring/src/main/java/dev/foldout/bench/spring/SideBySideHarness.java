package dev.foldout.bench.spring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the same Spring Boot test class ({@link NotesWorkload}: 200 tests that write) with zonky's
 * embedded-database-spring-test and with foldout-spring, on each seed size, each run in a JVM of its own
 * ({@link WorkloadRun}), and prints a table of their figures. Everything the runs write is under {@code --dir}:
 * zonky's binaries and data directory (its {@code java.io.tmpdir}), Foldout's binaries ({@code FOLDOUT_HOME}) and
 * cluster. PostgreSQL refuses to run as root, so when this runs as root the runs are started as {@code --user}
 * (through {@code runuser}) and {@code --dir} is given to that account.
 *
 * <pre>java -jar foldout-bench-spring/target/foldout-bench-spring.jar --dir /var/tmp/bench-spring --seeds 10mb,1gb</pre>
 */
public final class SideBySideHarness {
    private SideBySideHarness() {
    }

    /** Runs every tool on every seed {@code --runs} times and prints the figures. */
    public static void main(String[] args) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("dir", "");
        defaults.put("seeds", "10mb,1gb");
        defaults.put("tools", "zonky,foldout");
        defaults.put("tests", "200");
        defaults.put("work-ms", "0");
        defaults.put("runs", "1");
        defaults.put("user", "postgres");
        defaults.put("foldout-server", "own");
        defaults.put("settings", "");
        defaults.put("log", "warn");
        Options o = Options.parse(args, defaults);
        Path dir = Path.of(o.text("dir")).toAbsolutePath();
        boolean root = "0".equals(uid());
        String user = root ? o.text("user") : "";
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("foldout-home"));
        System.out.printf("%s, %d cores, JDK %s; runs under %s as %s%n", System.getProperty("os.name"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), dir,
                user.isEmpty() ? System.getProperty("user.name") : user);

        List<RunFigures> all = new ArrayList<>();
        for (String seed : o.list("seeds")) {
            for (int run = 1; run <= o.number("runs"); run++) {
                for (String tool : o.list("tools")) {
                    Path runDir = dir.resolve(tool + "-" + seed + "-" + run);
                    deleteTree(runDir);
                    Files.createDirectories(runDir);
                    if (!user.isEmpty()) {
                        giveTo(dir, user);
                    }
                    List<String> command = new ArrayList<>();
                    if (!user.isEmpty()) {
                        command.addAll(List.of("runuser", "-u", user, "--"));
                    }
                    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                            "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + o.text("log"),
                            "-cp", absoluteClassPath(), WorkloadRun.class.getName(),
                            "--tool", tool, "--seed", seed, "--tests", o.text("tests"), "--work-ms", o.text("work-ms"),
                            "--dir", runDir.toString(), "--foldout-server", o.text("foldout-server")));
                    if (!o.optional("settings").isEmpty()) {
                        command.addAll(List.of("--settings", o.optional("settings")));
                    }
                    System.out.printf("%n== %s, %s seed, run %d%n", tool, seed, run);
                    RunFigures f = runChild(command, dir, runDir, "[" + tool + " " + seed + "] ");
                    if (f != null) {
                        all.add(f);
                    }
                    deleteTree(runDir);
                }
            }
        }
        System.out.println();
        System.out.println(table(all));
    }

    private static RunFigures runChild(List<String> command, Path dir, Path runDir, String prefix)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true);
        pb.environment().put("FOLDOUT_HOME", dir.resolve("foldout-home").toString());
        pb.environment().put("HOME", runDir.toString());
        Process p = pb.start();
        RunFigures figures = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println(prefix + line);
                if (line.startsWith(RunFigures.PREFIX)) {
                    figures = RunFigures.parse(line);
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0) {
            System.out.println(prefix + "exited with " + rc);
        }
        return figures;
    }

    /** A markdown table of the runs, in the order they ran. */
    static String table(List<RunFigures> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append("| seed | tool | seed DB | tests | class start to last test | all tests (first start to last end) "
                + "| first test | the tests after it | per test beyond the bodies | the same, after the first | median wait (before + after "
                + "the body) | p95 wait | median body |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (RunFigures f : runs) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d MB | %d%s | %.1f s | %.1f s | %.1f s | %.2f s | %.2f ms "
                    + "| %.2f ms | %.2f ms (%.2f + %.2f) | %.2f ms | %.2f ms |%n", f.seed(), f.tool(), f.seedMb(), f.tests(),
                    f.failures() == 0 ? "" : " (" + f.failures() + " failed)", f.wholeMs() / 1000, f.totalMs() / 1000,
                    f.firstMs() / 1000, f.restMs() / 1000, f.overheadMs(), f.restOverheadMs(), f.medianWaitMs(),
                    f.medianBeforeMs(), f.medianAfterMs(), f.p95WaitMs(), f.medianBodyMs()));
        }
        return sb.toString();
    }

    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String uid() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .map(l -> l.split("\\s+")[1]).findFirst().orElse("");
    }

    private static void giveTo(Path dir, String user) throws IOException {
        UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setOwner(p, owner);
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
