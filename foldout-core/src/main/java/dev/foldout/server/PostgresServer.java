package dev.foldout.server;

import dev.foldout.spi.Processes;
import dev.foldout.ConnectionUrl;
import dev.foldout.FoldoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL cluster on this host: initdb, start on a free port, wait until ready, stop, and the
 * last lines of its log when something fails. Used by the tests, by the embedded default and by the
 * instance backends. {@link #close()} stops the server if this object started it; idempotent.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final int START_ATTEMPTS = 3;

    private final ServerSpec spec;
    private volatile int port;
    private volatile boolean startedHere;
    private volatile boolean socketRefused;

    private PostgresServer(ServerSpec spec) {
        this.spec = spec;
    }

    /** A handle on the cluster the spec describes; nothing is created or started yet. */
    public static PostgresServer of(ServerSpec spec) {
        return new PostgresServer(spec);
    }

    /** The spec. */
    public ServerSpec spec() {
        return spec;
    }

    /** Whether initdb has run in the data directory. */
    public boolean isInitialized() {
        return Files.isRegularFile(spec.dataDirectory().resolve("PG_VERSION"));
    }

    /** Runs initdb unless the data directory already holds a cluster. Returns this. */
    public PostgresServer init() {
        if (isInitialized()) {
            return this;
        }
        spec.account().requireExists();
        Path dir = spec.directory();
        Path pwfile = dir.resolve(".initdb-password");
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(pwfile, spec.password() + "\n", StandardCharsets.UTF_8);
            spec.account().takeOwnership(dir);
            requireReachable(dir);
            LOG.info("initdb {} ({})", spec.dataDirectory(), spec.binaries());
            Processes.Result r = run(List.of(spec.binaries().bin("initdb").toString(), "-D", spec.dataDirectory().toString(),
                    "-U", spec.superuser(), "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C",
                    "--no-sync"), 300);
            if (!r.ok()) {
                throw new FoldoutException("initdb failed for " + spec.dataDirectory() + ": " + Processes.lastLines(r.output(), 4));
            }
            Files.writeString(spec.dataDirectory().resolve("postgresql.conf"), "\ninclude_if_exists = 'foldout.conf'\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new FoldoutException("could not prepare " + dir + " for initdb: " + e.getMessage()
                    + " - check that the directory is writable and the disk has room", e);
        } finally {
            try {
                Files.deleteIfExists(pwfile);
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", pwfile, e.getMessage());
            }
        }
        return this;
    }

    /**
     * Checks that the server's OS account can enter {@code dir}, naming the first directory on the way it cannot
     * (a home directory closed to others, say) instead of initdb's bare "Permission denied".
     */
    private void requireReachable(Path dir) {
        if (!spec.account().switches() || run(List.of("test", "-x", dir.toString()), 30).ok()) {
            return;
        }
        Path blocked = dir;
        for (Path p = dir.getRoot(); p != null; ) {
            if (!run(List.of("test", "-x", p.toString()), 30).ok()) {
                blocked = p;
                break;
            }
            Path rest = p.relativize(dir);
            p = rest.getNameCount() == 0 || rest.toString().isEmpty() ? null : p.resolve(rest.getName(0));
        }
        throw new FoldoutException("the server's OS account '" + spec.account().name() + "' cannot enter " + blocked
                + ", on the way to " + dir + ": set FOLDOUT_HOME to a directory it can reach (such as /var/lib/foldout), "
                + "or let it in (chmod o+x " + blocked + ")");
    }

    /** The major version of the cluster in the data directory (its PG_VERSION file). */
    private int dataVersion() {
        try {
            return Integer.parseInt(Files.readString(spec.dataDirectory().resolve("PG_VERSION")).strip());
        } catch (IOException | NumberFormatException e) {
            throw new FoldoutException("could not read " + spec.dataDirectory().resolve("PG_VERSION") + ": " + e.getMessage()
                    + " - is " + spec.dataDirectory() + " a PostgreSQL data directory?", e);
        }
    }

    /** Starts the server (after initdb if needed) and waits until it accepts connections. Returns this. */
    public PostgresServer start() {
        init();
        int data = dataVersion();
        if (data != spec.binaries().majorVersion()) {
            throw new FoldoutException("the data directory " + spec.dataDirectory() + " holds PostgreSQL " + data
                    + ", but the binaries are PostgreSQL " + spec.binaries().version() + ": start it with PostgreSQL " + data
                    + " binaries, or move the directory away to make a new cluster");
        }
        if (isRunning()) {
            port = readPortFromPidFile();
            LOG.info("PostgreSQL already running in {} on port {}", spec.dataDirectory(), port);
            return this;
        }
        FoldoutException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            // a cluster given no port keeps the one it had (its URL stays), unless another program has taken it since
            int chosen = spec.port() != 0 ? spec.port() : attempt == 1 ? previousPort().orElseGet(this::freePort) : freePort();
            boolean withSocket = writeConf(chosen);
            long t0 = System.nanoTime();
            Processes.Result r = pgCtl().start(spec.dataDirectory(), spec.logFile(), spec.startTimeout().toSeconds(), "");
            if (r.ok()) {
                port = chosen;
                startedHere = true;
                LOG.info("PostgreSQL {} started in {} on {}:{} in {} ms", spec.binaries().version(), spec.dataDirectory(),
                        spec.listenAddress(), chosen, (System.nanoTime() - t0) / 1_000_000);
                return this;
            }
            String log = logTail(6);
            if (withSocket && PgCtl.socketFailed(logTail(12))) {
                // the file system refuses sockets, or a stale lock names a live process: TCP will do, as before sockets
                socketRefused = true;
                LOG.warn("PostgreSQL in {} could not make its Unix-domain socket; starting it on TCP only: {}",
                        spec.dataDirectory(), log);
                attempt--;
                continue;
            }
            last = new FoldoutException("PostgreSQL in " + spec.dataDirectory() + " did not start on port " + chosen + ": "
                    + Processes.lastLines(r.output(), 2) + " | log " + spec.logFile() + ": " + log);
            if (spec.port() != 0 || !PgCtl.portInUse(log)) {
                break;
            }
        }
        throw last;
    }

    /**
     * Whether a server runs on the data directory: its postmaster.pid names a live process that answers on the port
     * it names (no program to start), else as {@code pg_ctl status} says.
     */
    public boolean isRunning() {
        if (!isInitialized()) {
            return false;
        }
        if (answersAsPidFileSays()) {
            return true;
        }
        return pgCtl().status(spec.dataDirectory());
    }

    /**
     * Takes up a server that already runs on the data directory and answers where its postmaster.pid says (no program
     * is started, {@code pg_ctl} neither); returns whether there is one. After {@code true}, {@link #url} works.
     */
    public boolean attachIfAnswering() {
        if (!isInitialized() || !answersAsPidFileSays()) {
            return false;
        }
        port = readPortFromPidFile();
        return true;
    }

    /** Stops the server (fast shutdown) if it runs. */
    public void stop() {
        if (!isRunning()) {
            return;
        }
        Processes.Result r = pgCtl().stop(spec.dataDirectory());
        if (!r.ok()) {
            throw new FoldoutException("PostgreSQL in " + spec.dataDirectory() + " did not stop: "
                    + Processes.lastLines(r.output(), 2) + " | log: " + logTail(4));
        }
        startedHere = false;
        LOG.info("PostgreSQL in {} stopped", spec.dataDirectory());
    }

    /** The port the running server listens on. */
    public int port() {
        if (port == 0) {
            throw new IllegalStateException("the instance in " + spec.dataDirectory() + " has not been started");
        }
        return port;
    }

    /** Where to connect, as the superuser, to {@code database}. */
    public ConnectionUrl url(String database) {
        String host = spec.listenAddress().equals("*") || spec.listenAddress().contains(",") ? "127.0.0.1" : spec.listenAddress();
        return new ConnectionUrl(host, port(), database, spec.superuser(), spec.password(), Map.of());
    }

    /** The last {@code n} lines of the server log, joined into one line. */
    public String logTail(int n) {
        return PgCtl.logTail(spec.logFile(), n, "(no log yet)");
    }

    /** Stops the server and deletes the instance's directory. */
    public void destroy() {
        stop();
        Processes.run(List.of("rm", "-rf", spec.directory().toString()), Map.of(), null, 300);
    }

    /** Stops the server if this object started it. Idempotent. */
    @Override
    public void close() {
        if (startedHere) {
            stop();
        }
    }

    /** Writes {@code foldout.conf}; returns whether it gives the server a Unix-domain socket. */
    private boolean writeConf(int chosenPort) {
        StringBuilder sb = new StringBuilder("# written by Foldout at each start\n");
        sb.append("port = ").append(chosenPort).append('\n');
        sb.append("listen_addresses = ").append(confQuote(spec.listenAddress())).append('\n');
        boolean withSocket = !socketRefused && SocketAccess.prepare(spec);
        if (withSocket) {
            sb.append("unix_socket_directories = ").append(confQuote(spec.socketDirectory().toString())).append('\n');
            sb.append("unix_socket_permissions = 0700\n");
        } else {
            sb.append("unix_socket_directories = ''\n");
        }
        for (Map.Entry<String, String> e : spec.settings().entrySet()) {
            sb.append(e.getKey()).append(" = ").append(confQuote(e.getValue())).append('\n');
        }
        try {
            Path conf = spec.dataDirectory().resolve("foldout.conf");
            Files.writeString(conf, sb.toString(), StandardCharsets.UTF_8);
            spec.account().takeOwnership(conf);
        } catch (IOException e) {
            throw new FoldoutException("could not write " + spec.dataDirectory().resolve("foldout.conf") + ": " + e.getMessage(), e);
        }
        return withSocket;
    }

    /**
     * The server's Unix-domain socket file, as its {@code postmaster.pid} names it, when it runs with one; empty when it
     * does not run or listens on TCP only.
     */
    public java.util.Optional<Path> socketFile() {
        return PostmasterPid.read(spec.dataDirectory()).flatMap(PostmasterPid::socketFile);
    }

    private static String confQuote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Whether postmaster.pid names a live postgres process that accepts connections where it says. */
    private boolean answersAsPidFileSays() {
        return PostmasterPid.read(spec.dataDirectory()).map(PostmasterPid::answers).orElse(false);
    }

    private int readPortFromPidFile() {
        return PostmasterPid.read(spec.dataDirectory()).map(PostmasterPid::port).orElseThrow(() -> new FoldoutException(
                "PostgreSQL runs in " + spec.dataDirectory() + " but its postmaster.pid is unreadable or incomplete - "
                        + "stop it with pg_ctl -D " + spec.dataDirectory() + " stop"));
    }

    private PgCtl pgCtl() {
        return new PgCtl(spec.binaries().bin("pg_ctl").getParent(), spec.account(), spec.directory().getParent());
    }

    private Processes.Result run(List<String> command, long timeoutSeconds) {
        return Processes.run(spec.account().command(command), Map.of("LC_ALL", "C", "TZ", "UTC"), spec.directory().getParent(), timeoutSeconds);
    }

    /** The port the last start wrote to {@code foldout.conf}, if any. */
    private java.util.Optional<Integer> previousPort() {
        try {
            for (String line : Files.readAllLines(spec.dataDirectory().resolve("foldout.conf"), StandardCharsets.UTF_8)) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && kv[0].strip().equals("port")) {
                    int port = Integer.parseInt(kv[1].strip());
                    return port > 0 && port <= 65535 ? java.util.Optional.of(port) : java.util.Optional.empty();
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no earlier start, or a file Foldout did not write: a free port then
        }
        return java.util.Optional.empty();
    }

    private int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new FoldoutException("could not find a free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
