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
 * turns, so both see the machine at the same pace. Each command of {@code --launcher} runs twice a round: served by
 * the resident JVM ({@code FOLDOUT_RESIDENT=only}, which fails rather than fall back) and in a JVM of its own
 * ({@code FOLDOUT_RESIDENT=off}, tagged {@code [own JVM]}); {@code --own-only} times the latter alone.
 * Needs a database to snapshot and branch ({@code --database}, default {@code foldout_demo}, which
 * {@code bin/foldout demo} makes on the embedded server).
 *
 * <pre>java -cp foldout-bench/target/benchmarks.jar dev.foldout.bench.cli.CliStartupHarness [--rounds 10]
 *     [--database foldout_demo] [--launcher bin/foldout] [--versus OTHER/bin/foldout] [--url URL] [--own-only]</pre>
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
        boolean residentToo = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--database" -> database = args[++i];
                case "--launcher" -> launcher = args[++i];
                case "--url" -> url = args[++i];
                case "--versus" -> versus = args[++i];
                case "--own-only" -> residentToo = false;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + ": use --rounds N, --database NAME, --launcher PATH, --versus PATH, --url URL, --own-only");
            }
        }
        List<Way> ways = new ArrayList<>();
        if (residentToo) {
            ways.add(new Way(launcher, "resident", ""));
        }
        ways.add(new Way(launcher, "off", residentToo ? " [own JVM]" : ""));
        if (versus != null) {
            ways.add(new Way(versus, "off", " [versus]"));
        }
        for (Way w : ways) {
            if (!Files.isExecutable(Path.of(w.launcher()))) {
                throw new IllegalArgumentException(w.launcher() + " is not an executable: run from the repository's root");
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
        for (Way w : ways) {
            Way own = new Way(w.launcher(), "on", ""); // starts the resident JVM when there is none
            run(own, url, List.of("snapshots", "delete", snap), false); // what an earlier run left
            run(own, url, List.of("delete-branch", branch), false);
            run(own, url, List.of("databases", "list"), true); // a build's first connecting run records its class archive
        }
        if (residentToo) {
            awaitResident(ways.get(0), url);
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            // the machine's own pace: a JVM that starts and stops, to compare figures taken on other machines
            times.computeIfAbsent("(java -version)", k -> new ArrayList<>()).add(time(List.of("java", "-version"), "off",
                    true));
            for (int k = 0; k < ways.size(); k++) {
                Way w = ways.get((k + r) % ways.size()); // who goes first changes every round
                for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                    times.computeIfAbsent(c.getKey() + w.tag(), x -> new ArrayList<>()).add(run(w, url, c.getValue(), true));
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
        if (residentToo) {
            System.out.println("untagged: served by the resident JVM; [own JVM]: FOLDOUT_RESIDENT=off");
        }
    }

    /** A launcher, run with {@code FOLDOUT_RESIDENT} set to {@code resident}, and the tag of its figures. */
    private record Way(String launcher, String resident, String tag) {
    }

    /** Waits until the resident JVM serves commands (it declines while it warms up). */
    private static void awaitResident(Way way, String url) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                run(new Way(way.launcher(), "only", ""), url, List.of("databases", "list"), true);
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the resident JVM did not start within a minute", e);
                }
                Thread.sleep(250);
            }
        }
    }

    /** Runs one command, returns its wall time in seconds; fails when it fails and {@code mustWork}. */
    private static double run(Way way, String url, List<String> args, boolean mustWork)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(way.launcher());
        cmd.addAll(args);
        if (url != null) {
            cmd.add("--url");
            cmd.add(url);
        }
        return time(cmd, way.resident(), mustWork);
    }

    private static double time(List<String> cmd, String resident, boolean mustWork)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("FOLDOUT_RESIDENT", resident);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (mustWork && code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + code + ": " + new String(output).strip());
        }
        return seconds;
    }
}
