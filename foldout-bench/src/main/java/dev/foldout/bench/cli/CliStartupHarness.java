package dev.foldout.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times each CLI command as a whole process, as a user runs it ({@code bin/foldout ...}): JVM start, class loading,
 * connecting and the work. Rounds are interleaved (every command once per round) and the median of each is printed,
 * beside a bare JVM's start and stop ({@code java -version}) as the machine's own pace. With {@code --versus OTHER}
 * each command also runs through another launcher (another build's {@code bin/foldout}) in every round, the two in
 * turns, so both see the machine at the same pace.
 * Needs a database to snapshot and branch ({@code --database}, default {@code foldout_demo}, which
 * {@code bin/foldout demo} makes on the embedded server).
 *
 * <pre>java -cp foldout-bench/target/benchmarks.jar dev.foldout.bench.cli.CliStartupHarness [--rounds 10]
 *     [--database foldout_demo] [--launcher bin/foldout] [--versus OTHER/bin/foldout] [--url URL]</pre>
 */
public final class CliStartupHarness {
    private CliStartupHarness() {
    }

    /** Runs the harness. */
    public static void main(String[] args) throws Exception {
        int rounds = 10;
        String database = "foldout_demo";
        String launcher = "bin/foldout";
        String url = null;
        String versus = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--database" -> database = args[++i];
                case "--launcher" -> launcher = args[++i];
                case "--url" -> url = args[++i];
                case "--versus" -> versus = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + ": use --rounds N, --database NAME, --launcher PATH, --versus PATH, --url URL");
            }
        }
        List<String> launchers = versus == null ? List.of(launcher) : List.of(launcher, versus);
        for (String l : launchers) {
            if (!Files.isExecutable(Path.of(l))) {
                throw new IllegalArgumentException(l + " is not an executable: run from the repository's root");
            }
        }
        String snap = "cli_bench_snap";
        String branch = "cli_bench_branch";
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("version", List.of("version"));
        commands.put("databases list", List.of("databases", "list"));
        commands.put("snapshot", List.of("snapshot", database, "--name", snap));
        commands.put("snapshots delete", List.of("snapshots", "delete", snap));
        commands.put("branch", List.of("branch", database, branch));
        commands.put("diff (no change)", List.of("diff", branch));
        commands.put("delete-branch", List.of("delete-branch", branch));
        for (String l : launchers) {
            run(l, url, List.of("snapshots", "delete", snap), false); // what an earlier run left
            run(l, url, List.of("delete-branch", branch), false);
            run(l, url, List.of("databases", "list"), true); // a build's first connecting run records its class archive
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            // the machine's own pace: a JVM that starts and stops, to compare figures taken on other machines
            times.computeIfAbsent("(java -version)", k -> new ArrayList<>()).add(time(List.of("java", "-version"), true));
            for (int k = 0; k < launchers.size(); k++) {
                String l = launchers.get((k + r) % launchers.size()); // who goes first changes every round
                String tag = launchers.size() == 1 ? "" : l.equals(launcher) ? "" : " [versus]";
                for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                    times.computeIfAbsent(c.getKey() + tag, x -> new ArrayList<>()).add(run(l, url, c.getValue(), true));
                }
            }
        }
        System.out.printf("%-30s %10s %10s %10s%n", "command", "median s", "min s", "max s");
        for (Map.Entry<String, List<Double>> t : times.entrySet()) {
            List<Double> sorted = t.getValue().stream().sorted().toList();
            System.out.printf("%-30s %10.3f %10.3f %10.3f%n", t.getKey(), sorted.get(sorted.size() / 2), sorted.get(0),
                    sorted.get(sorted.size() - 1));
        }
        if (versus != null) {
            System.out.println("[versus]: " + versus + "; the others: " + launcher);
        }
    }

    /** Runs one command, returns its wall time in seconds; fails when it fails and {@code mustWork}. */
    private static double run(String launcher, String url, List<String> args, boolean mustWork)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher);
        cmd.addAll(args);
        if (url != null) {
            cmd.add("--url");
            cmd.add(url);
        }
        return time(cmd, mustWork);
    }

    private static double time(List<String> cmd, boolean mustWork) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (mustWork && code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + code + ": " + new String(output).strip());
        }
        return seconds;
    }
}
