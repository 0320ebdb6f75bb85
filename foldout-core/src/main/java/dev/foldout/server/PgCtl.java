package dev.foldout.server;

import dev.foldout.spi.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code pg_ctl} of one set of binaries, run as the account that owns the data directories it drives, in the C locale:
 * the one place Foldout starts, stops and asks after a local server, for its own clusters ({@link PostgresServer}) and
 * for instance branches alike.
 */
public final class PgCtl {
    private final Path program;
    private final OsAccount account;
    private final Path workingDirectory;

    /**
     * @param binDirectory     the binaries' {@code bin} directory
     * @param account          the account the server runs as
     * @param workingDirectory where the commands run (one the account may enter)
     */
    public PgCtl(Path binDirectory, OsAccount account, Path workingDirectory) {
        this.program = binDirectory.resolve("pg_ctl");
        this.account = account;
        this.workingDirectory = workingDirectory;
    }

    /**
     * Starts the server of {@code dataDir} logging to {@code log}, with the server options {@code options} (empty: none),
     * and waits up to {@code timeoutSeconds} until it accepts connections.
     */
    public Processes.Result start(Path dataDir, Path log, long timeoutSeconds, String options) {
        List<String> args = new ArrayList<>(List.of("-D", dataDir.toString(), "-l", log.toString(), "-w", "-t",
                Long.toString(timeoutSeconds)));
        if (!options.isEmpty()) {
            args.addAll(List.of("-o", options));
        }
        args.add("start");
        return run(args, timeoutSeconds + 30);
    }

    /** Stops the server of {@code dataDir} (fast shutdown: sessions are ended), waiting up to a minute. */
    public Processes.Result stop(Path dataDir) {
        return run(List.of("-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"), 90);
    }

    /** Whether {@code pg_ctl status} finds a server running on {@code dataDir}. */
    public boolean status(Path dataDir) {
        return run(List.of("-D", dataDir.toString(), "status"), 30).ok();
    }

    /** Whether a start failed because its port was taken, as the server's log tail says. */
    public static boolean portInUse(String logTail) {
        return logTail.contains("could not bind") || logTail.contains("Address already in use")
                || logTail.contains("could not create any TCP/IP sockets");
    }

    /** Whether a failed start's log says the server could not make its Unix-domain socket or take its lock file. */
    public static boolean socketFailed(String logTail) {
        return logTail.contains("Unix-domain socket") || logTail.contains("Unix address")
                || logTail.contains("lock file") && logTail.contains("/.s.PGSQL.");
    }

    /** The last {@code n} lines of a server log, joined into one line; {@code none} when there is no log yet. */
    public static String logTail(Path log, int n, String none) {
        try {
            return Files.exists(log) ? Processes.lastLines(Files.readString(log), n) : none;
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private Processes.Result run(List<String> args, long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(args);
        return Processes.run(account.command(command), Map.of("LC_ALL", "C", "TZ", "UTC"), workingDirectory, timeoutSeconds);
    }
}
