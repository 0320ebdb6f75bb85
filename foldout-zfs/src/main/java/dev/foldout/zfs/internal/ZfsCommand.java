package dev.foldout.zfs.internal;

import dev.foldout.FoldoutException;
import dev.foldout.spi.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code zfs} or {@code zpool} with an argument array (never a shell) and a time limit. The programs are
 * looked up on {@code PATH}, then in {@code /usr/sbin} and {@code /sbin}.
 */
public final class ZfsCommand {
    private static final long TIMEOUT_SECONDS = 120;

    private ZfsCommand() {
    }

    /** Where {@code program} ({@code zfs} or {@code zpool}) is, if it is installed. */
    public static Optional<Path> find(String program) {
        List<Path> dirs = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty()) {
                dirs.add(Path.of(d));
            }
        }
        dirs.add(Path.of("/usr/sbin"));
        dirs.add(Path.of("/sbin"));
        return dirs.stream().map(d -> d.resolve(program)).filter(Files::isExecutable).findFirst();
    }

    /** Runs {@code program args...}; throws only if it cannot run at all. */
    public static Processes.Result run(String program, String... args) {
        Path exe = find(program).orElseThrow(() -> new FoldoutException(program + " is not installed: install OpenZFS "
                + "(zfsutils-linux) or zfs-fuse"));
        List<String> command = new ArrayList<>();
        command.add(exe.toString());
        command.addAll(List.of(args));
        return Processes.run(command, Map.of("LC_ALL", "C"), null, TIMEOUT_SECONDS);
    }

    /** The output as one line, for messages. */
    public static String oneLine(Processes.Result r) {
        return r.output().strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}
