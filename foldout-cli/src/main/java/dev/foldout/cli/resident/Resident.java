package dev.foldout.cli.resident;

import dev.foldout.cli.Invocation;
import dev.foldout.cli.Main;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The resident JVM's process: {@code java -cp foldout.jar dev.foldout.cli.resident.Resident CARD}, started by
 * {@code bin/foldout} after a command that ran in a JVM of its own. It listens on 127.0.0.1, writes its card, warms up
 * (while it does, it declines), then serves command lines one at a time; see the package's description.
 *
 * <p>Each side proves it knows the card's secret before the other says anything that matters. The client sends a
 * fresh nonce and the resident answers {@code proof} and the SHA-256 of the secret, a space, the nonce and a line
 * break; only then does the client send its command line, which begins with the secret. A program that took the port
 * of a resident that died (its card left behind) cannot answer, so it never sees a command line (which may hold a
 * password); one that does not send the secret is hung up on without a word before it can send more.
 */
public final class Resident {
    /** How long the resident waits for a command before it stops. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration CHECK = Duration.ofSeconds(2);
    private static final Duration COLLECT_AFTER = Duration.ofMinutes(1);
    private static final int REQUEST_TIMEOUT_MS = 5_000;
    private static final int CONNECTIONS = 8;
    private final Card card;
    private final byte[] secret;
    private final Fingerprint jar;
    private final Map<String, String> env = Request.relevant(System.getenv());
    private final Charset text = Charset.forName(System.getProperty("sun.jnu.encoding",
            Charset.defaultCharset().name()));
    private final Served.Fixed fixed;
    private final ProcessFacts process;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "foldout-resident-deadline");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean busy = new AtomicBoolean(true); // until it has warmed up
    private final Semaphore connections = new Semaphore(CONNECTIONS);
    private final PrintStream log;
    private volatile long lastUsed = System.nanoTime();
    private volatile boolean collected;

    private Resident(Card card, byte[] secret, Fingerprint jar, Served.Fixed fixed, ProcessFacts process,
            PrintStream log) {
        this.card = card;
        this.secret = secret;
        this.jar = jar;
        this.fixed = fixed;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the resident: where its card goes (its log goes beside it, {@code CARD.log}), and the working directory of
     * the command after which it starts (whose settings it reads the log level from).
     */
    public static void main(String[] args) throws IOException, URISyntaxException {
        if (args.length != 2) {
            System.err.println("usage: java -cp foldout.jar dev.foldout.cli.resident.Resident CARD_FILE WORKING_DIR");
            System.exit(2);
        }
        Main.setUpJvm();
        Path cardFile = Path.of(args[0]).toAbsolutePath();
        Card.ensureOwnDirectory(cardFile.getParent());
        PrintStream log = new PrintStream(Files.newOutputStream(Path.of(cardFile + ".log"), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), true,
                StandardCharsets.UTF_8);
        System.setErr(log);
        System.setOut(log);
        Invocation.use(new Invocation(Path.of(args[1]).toAbsolutePath(), false));
        Served.Fixed fixed;
        try {
            fixed = Served.Fixed.now();
        } finally {
            Invocation.use(null);
        }
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Fingerprint jar = Fingerprint.of(Path.of(Resident.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()));
        Resident r = new Resident(new Card(cardFile, listener.getLocalPort(), secret),
                secret.getBytes(StandardCharsets.US_ASCII), jar, fixed, ProcessFacts.ofThisProcess(), log);
        r.card.write();
        Runtime.getRuntime().addShutdownHook(new Thread(r.card::withdraw, "foldout-resident-withdraw"));
        r.say("serving on 127.0.0.1:" + listener.getLocalPort() + ", card " + r.card.file());
        r.start("foldout-resident-watch", r::watch, true);
        r.start("foldout-resident-warm-up", r::warmUp, true);
        while (true) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) { // out of file descriptors, say: serve on once some are back
                r.say("accepting a connection failed: " + e.getMessage());
                sleep(Duration.ofMillis(100));
                continue;
            }
            if (!r.connections.tryAcquire()) {
                s.close(); // more at once than any user's commands: not a client
                continue;
            }
            r.start("foldout-resident-request", () -> {
                try {
                    r.handle(s);
                } finally {
                    r.connections.release();
                }
            }, false);
        }
    }

    /** A line in the resident's log ({@code CARD.log}). */
    private void say(String what) {
        log.println(Instant.now() + " foldout resident: " + what);
    }

    private void start(String name, Runnable task, boolean daemon) {
        Thread t = new Thread(task, name);
        t.setDaemon(daemon);
        t.start();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void warmUp() {
        try (PrintWriter sink = new PrintWriter(Writer.nullWriter())) {
            Main.warmUp(sink);
        } catch (RuntimeException e) {
            say("warming up failed, serving anyway: " + e);
        } finally {
            used();
            busy.set(false);
        }
    }

    private void used() {
        lastUsed = System.nanoTime();
        collected = false;
    }

    /**
     * Stops the process when its card is gone or another's, its jar was rebuilt, or it has waited {@link #IDLE};
     * gives back the memory of a large command once unused for a while.
     */
    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            sleep(CHECK);
            long idle = System.nanoTime() - lastUsed;
            String why = !card.current() ? "its card is gone or another's"
                    : !jar.unchanged() ? "its jar changed"
                    : idle > IDLE.toNanos() ? "idle for " + IDLE.toMinutes() + " minutes"
                    : null;
            // no connection in flight (a command's exit code still being sent, say), and none let in after
            if (why != null && connections.tryAcquire(CONNECTIONS)) {
                if (busy.compareAndSet(false, true)) {
                    say("stopping, " + why);
                    System.exit(0);
                }
                connections.release(CONNECTIONS);
            }
            if (!collected && idle > COLLECT_AFTER.toNanos()) {
                collected = true;
                System.gc(); // the serial collector then shrinks the heap (bin/foldout sets MaxHeapFreeRatio)
            }
        }
    }

    /**
     * Ends the process as Ctrl-C ends a JVM of the command's own: the programs it started are stopped, its connections
     * close, its card goes. (A server started through {@code pg_ctl} is no longer its child, and stays.)
     */
    private void stop(String why) {
        say("stopping, " + why);
        card.withdraw();
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        System.exit(130);
    }

    private void handle(Socket socket) {
        // the whole of the handshake and command line within REQUEST_TIMEOUT_MS, not each read: a client that sends a
        // byte now and then cannot hold a connection
        ScheduledFuture<?> cutoff = deadlines.schedule(() -> closeQuietly(socket), REQUEST_TIMEOUT_MS,
                TimeUnit.MILLISECONDS);
        try (socket) {
            socket.setSoTimeout(REQUEST_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (!Request.field(in, text).equals(Request.MAGIC)) {
                return;
            }
            prove(Request.field(in, text), socket.getOutputStream());
            if (!MessageDigest.isEqual(secret, Request.field(in, text).getBytes(StandardCharsets.US_ASCII))) {
                return; // says nothing more to whoever does not know the secret, and reads nothing more
            }
            Request request;
            try {
                request = Request.read(in, text);
            } catch (IOException e) {
                Served.decline(socket); // a line longer than the limits: its own JVM takes it
                return;
            }
            if (!cutoff.cancel(false)) {
                return; // closed at the deadline
            }
            if (!busy.compareAndSet(false, true)) {
                Served.decline(socket);
                return;
            }
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    used();
                    busy.set(false);
                }
            };
            try {
                new Served(request, socket, in, text, fixed, env, process, this::stop, release).run();
            } finally {
                release.run();
            }
        } catch (IOException | RuntimeException e) {
            // a client that went away or sent what no client sends: its connection is closed
        } finally {
            cutoff.cancel(false);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing at the deadline: nothing to add
        }
    }

    /** Answers the client's nonce (32 hex digits) with the proof that this process holds the card's secret. */
    private void prove(String nonce, OutputStream out) throws IOException {
        if (!nonce.matches("[0-9a-f]{32}")) {
            throw new IOException("not a nonce");
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha.update(secret);
        byte[] digest = sha.digest((" " + nonce + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(("proof " + HexFormat.of().formatHex(digest) + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A file's size and time, to see whether it was replaced. */
    private record Fingerprint(Path file, long size, long modified) {
        static Fingerprint of(Path file) throws IOException {
            return new Fingerprint(file, Files.size(file), Files.getLastModifiedTime(file).toMillis());
        }

        boolean unchanged() {
            try {
                return of(file).equals(this);
            } catch (IOException e) {
                return false;
            }
        }
    }
}
