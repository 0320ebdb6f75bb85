package dev.foldout.internal.cluster;

import dev.foldout.CopyOptions;
import dev.foldout.FoldoutException;
import dev.foldout.server.OsAccount;
import dev.foldout.server.PgCtl;
import dev.foldout.spi.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server of one instance branch, driven with {@code pg_ctl} of the parent's binaries, as the
 * account that owns the data directory. Port and listen address are given on the command line at each start,
 * so the copied configuration of the parent (its port) never applies. The log is {@code foldout-server.log}
 * in the data directory.
 */
final class ClusterServer {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterServer.class);
    static final String LOG_FILE = "foldout-server.log";
    private static final int START_TIMEOUT_SECONDS = 120;

    private final Path dataDir;
    private final PgCtl pgCtl;

    ClusterServer(Path binaries, Path dataDir, String osAccount) {
        this.dataDir = dataDir;
        this.pgCtl = new PgCtl(binaries.resolve("bin"), new OsAccount(osAccount), Path.of("/"));
    }

    /** The server of a row Foldout may act on (see {@link InstanceRow#requireTrusted()}). */
    static ClusterServer of(InstanceRow row) {
        InstanceRow trusted = row.requireTrusted();
        return new ClusterServer(trusted.binaries(), trusted.dataDir(), trusted.osAccount());
    }

    Path log() {
        return dataDir.resolve(LOG_FILE);
    }

    /**
     * Whether a server runs on this data directory. A copy holds its parent's {@code postmaster.pid}, which names the
     * parent's live postmaster: that file counts only if it names this directory and the process works in it, so that
     * the parent is never taken for the branch's server (and never stopped in its place).
     */
    boolean running() {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 2 || !Path.of(lines.get(1).strip()).equals(dataDir)) {
                return false; // copied from the parent: stale
            }
            Path cwd = Path.of("/proc", lines.get(0).strip(), "cwd");
            if (!Files.exists(cwd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            if (!Files.readSymbolicLink(cwd).equals(dataDir.toRealPath())) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot inspect {} ({}); asking pg_ctl", pidFile, e.getMessage());
        }
        return pgCtl.status(dataDir);
    }

    /** Thrown when the server did not start; {@link #portInUse} says whether another port may help. */
    static final class StartFailed extends FoldoutException {
        private static final long serialVersionUID = 1L;
        final boolean portInUse;

        StartFailed(String message, boolean portInUse) {
            super(message);
            this.portInUse = portInUse;
        }
    }

    /** Starts the server on {@code port} and waits until it accepts connections. */
    void start(int port, String listenAddress) {
        try {
            // the options go through pg_ctl's shell: only what CopyOptions accepts (an IP address or '*') may go there
            CopyOptions.DEFAULTS.withListenAddress(listenAddress);
        } catch (IllegalArgumentException e) {
            throw new FoldoutException("PostgreSQL on " + dataDir + " was not started: its catalog entry's listen address is "
                    + "refused (" + e.getMessage() + ")");
        }
        String options = "-p " + port + " -c listen_addresses='" + listenAddress + "' -c unix_socket_directories=''";
        if (majorVersion() >= 14) {
            // a copy starts with crash recovery, which first syncs every file of the data directory: one syncfs
            // instead of thousands of fsyncs (seconds on a loop device or a fuse file system)
            options += " -c recovery_init_sync_method=syncfs";
        }
        long t0 = System.nanoTime();
        Processes.Result r = pgCtl.start(dataDir, log(), START_TIMEOUT_SECONDS, options);
        if (!r.ok()) {
            String tail = logTail(6);
            boolean portInUse = PgCtl.portInUse(tail);
            if (running()) {
                stop();
            }
            throw new StartFailed("PostgreSQL on " + dataDir + " did not start on port " + port + ": "
                    + Processes.lastLines(r.output(), 2) + " | log " + log() + ": " + tail, portInUse);
        }
        LOG.info("PostgreSQL started on {} at {}:{} in {} ms", dataDir, listenAddress, port, (System.nanoTime() - t0) / 1_000_000);
    }

    private int majorVersion() {
        try {
            return Integer.parseInt(Files.readString(dataDir.resolve("PG_VERSION")).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Stops the server (fast shutdown: sessions are ended) if it runs. */
    void stop() {
        if (!running()) {
            return;
        }
        Processes.Result r = pgCtl.stop(dataDir);
        if (!r.ok() && running()) {
            throw new FoldoutException("PostgreSQL on " + dataDir + " did not stop: " + Processes.lastLines(r.output(), 2)
                    + " | log: " + logTail(4) + " - stop it with pg_ctl -D " + dataDir + " -m immediate stop");
        }
        LOG.info("PostgreSQL on {} stopped", dataDir);
    }

    String logTail(int lines) {
        return PgCtl.logTail(log(), lines, "(no log)");
    }
}
