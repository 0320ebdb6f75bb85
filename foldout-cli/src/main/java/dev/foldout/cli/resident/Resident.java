package dev.foldout.cli.resident;

import dev.foldout.cli.Main;
import dev.foldout.cli.Settings;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * password); one that does not know the secret is hung up on without a word.
 */
public final class Resident {
    /** How long the resident waits for a command before it stops. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration CHECK = Duration.ofSeconds(2);
    private static final int REQUEST_TIMEOUT_MS = 5_000;
    private final ServerSocket listener;
    private final Card card;
    private final byte[] secret;
    private final Fingerprint jar;
    private final Map<String, String> env;
    private final Served.Fixed fixed;
    private final AtomicBoolean busy = new AtomicBoolean(true); // until it has warmed up
    private final Map<String, CompletableFuture<Socket>> attaching = new ConcurrentHashMap<>();
    private final PrintStream log = System.err;
    private volatile long lastUsed = System.nanoTime();

    private Resident(ServerSocket listener, Path cardFile, Served.Fixed fixed) throws IOException {
        this.listener = listener;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String text = HexFormat.of().formatHex(random);
        this.secret = text.getBytes(StandardCharsets.US_ASCII);
        this.card = new Card(cardFile, listener.getLocalPort(), text);
        this.jar = Fingerprint.of(Path.of(Resident.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        this.env = relevant(System.getenv());
        this.fixed = fixed;
    }

    /** Starts the resident; its one argument is where its card goes. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp foldout.jar dev.foldout.cli.resident.Resident CARD_FILE");
            System.exit(2);
        }
        Served.Fixed fixed = Served.Fixed.now();
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Resident r = new Resident(listener, Path.of(args[0]).toAbsolutePath(), fixed);
        r.card.write();
        Runtime.getRuntime().addShutdownHook(new Thread(r.card::withdraw, "foldout-resident-withdraw"));
        r.log.println("foldout resident: serving on 127.0.0.1:" + listener.getLocalPort() + ", card " + r.card.file());
        r.start("foldout-resident-watch", r::watch);
        r.start("foldout-resident-warm-up", r::warmUp);
        while (true) {
            Socket s = listener.accept();
            r.start("foldout-resident-request", () -> r.handle(s));
        }
    }

    private void start(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private void warmUp() {
        try (PrintWriter sink = new PrintWriter(Writer.nullWriter())) {
            Main.warmUp(sink);
        } catch (RuntimeException e) {
            log.println("foldout resident: warming up failed, serving anyway: " + e);
        } finally {
            lastUsed = System.nanoTime();
            busy.set(false);
        }
    }

    /** Stops the process when its card is gone or another's, its jar was rebuilt, or it has waited {@link #IDLE}. */
    private void watch() {
        while (true) {
            try {
                Thread.sleep(CHECK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            String why = !card.current() ? "its card is gone or another's"
                    : !jar.unchanged() ? "its jar changed"
                    : System.nanoTime() - lastUsed > IDLE.toNanos() ? "idle for " + IDLE.toMinutes() + " minutes"
                    : null;
            if (why != null && busy.compareAndSet(false, true)) {
                log.println("foldout resident: stopping, " + why);
                System.exit(0);
            }
        }
    }

    private void handle(Socket socket) {
        try {
            socket.setSoTimeout(REQUEST_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String first = Request.field(in);
            if (first.equals(Request.STDOUT)) {
                CompletableFuture<Socket> waiting = attaching.remove(Request.field(in));
                if (waiting == null || !waiting.complete(socket)) {
                    socket.close();
                }
                return; // the command's thread owns it now
            }
            if (!first.equals(Request.MAGIC)) {
                socket.close();
                return;
            }
            prove(Request.field(in), socket.getOutputStream());
            Request request = Request.readAfterMagic(in);
            if (!MessageDigest.isEqual(secret, request.secret().getBytes(StandardCharsets.UTF_8))) {
                socket.close(); // says nothing to whoever does not know the secret
                return;
            }
            if (!busy.compareAndSet(false, true)) {
                Served.decline(socket);
                return;
            }
            try {
                new Served(request, socket, in, fixed, env, attaching).run();
            } finally {
                lastUsed = System.nanoTime();
                busy.set(false);
            }
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
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

    /** The variables of {@code all} that a command's outcome depends on ({@link Request#relevant}). */
    static Map<String, String> relevant(Map<String, String> all) {
        Map<String, String> out = new TreeMap<>();
        all.forEach((k, v) -> {
            if (Request.relevant(k)) {
                out.put(k, v);
            }
        });
        return out;
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
