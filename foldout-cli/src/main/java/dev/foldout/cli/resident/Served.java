package dev.foldout.cli.resident;

import dev.foldout.cli.Invocation;
import dev.foldout.cli.Main;
import dev.foldout.cli.Settings;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One command line the resident runs, or declines ({@code cold}: the client runs it in a JVM of its own). It runs
 * only what it would run exactly as a JVM of the client's own would: the client's environment (the variables that
 * matter) must be the resident's, and so must the log level the settings name. Reply {@code run ID} asks the client
 * to connect again for the command's stdout, with that id (the command starts only once it has), which the client
 * copies with {@code cat}; reply {@code run} sends stdout, a terminal's, as frames beside stderr's, so that the two
 * keep their order on the screen ({@link LineFrames}).
 */
final class Served {
    /**
     * The commands the resident runs. Not those that start long-lived servers or print the demo (they outlast a
     * command, or print progress the resident cannot colour), {@code help} and {@code completion} (picocli colours
     * usage for a terminal it cannot see), {@code apply -} (stdin stays with the client).
     */
    static final Set<String> COMMANDS = Set.of("databases", "snapshot", "commit", "snapshots", "branch", "branches",
            "delete-branch", "diff", "apply", "merge", "rebase", "reset", "status", "version", "config");
    private static final List<String> HELP = List.of("-h", "--help", "-V", "--version");
    private static final long ATTACH_SECONDS = 5;
    private final Request request;
    private final Socket control;
    private final InputStream controlIn;
    private final Fixed fixed;
    private final Map<String, String> env;
    private final Map<String, CompletableFuture<Socket>> attaching;

    /**
     * What the resident fixed when it started: the log level (logging reads it once), and the instance branches'
     * ports when {@code -D} gave them.
     */
    record Fixed(String level, boolean levelGiven, String portsGiven) {
        /** Applies the settings as a JVM of its own would, and remembers what can no longer change. */
        static Fixed now() {
            boolean levelGiven = System.getProperty(Settings.LEVEL_PROPERTY) != null;
            String portsGiven = System.getProperty(Settings.PORTS_PROPERTY);
            Main.applySettings();
            return new Fixed(System.getProperty(Settings.LEVEL_PROPERTY), levelGiven, portsGiven);
        }
    }

    Served(Request request, Socket control, InputStream controlIn, Fixed fixed, Map<String, String> env,
            Map<String, CompletableFuture<Socket>> attaching) {
        this.request = request;
        this.control = control;
        this.controlIn = controlIn;
        this.fixed = fixed;
        this.env = env;
        this.attaching = attaching;
    }

    /** Tells the client to run the command line itself, and hangs up. */
    static void decline(Socket socket) throws IOException {
        try (socket) {
            socket.getOutputStream().write("cold\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Runs the command line, or declines it. */
    void run() throws IOException {
        try (control) {
            Path dir = Path.of(request.workingDir());
            if (!dir.isAbsolute() || !runsAsItsOwn()) {
                decline(control);
                return;
            }
            Invocation.use(new Invocation(dir, request.terminal()));
            try {
                if (!sameSettings()) {
                    decline(control);
                    return;
                }
                if (request.stdoutTerminal()) {
                    reply("run");
                    execute(null);
                } else {
                    Socket stdout = attach();
                    if (stdout != null) {
                        execute(stdout);
                    }
                }
            } finally {
                Invocation.use(null);
            }
        }
    }

    /** Whether this process would run the line as a JVM of the client's own would. */
    private boolean runsAsItsOwn() {
        List<String> args = request.args();
        String command = Main.commandNamed(args.toArray(String[]::new));
        if (command == null || !COMMANDS.contains(command) || args.stream().anyMatch(HELP::contains)
                || command.equals("apply") && args.contains("-")) {
            return false;
        }
        String home = env.get("FOLDOUT_HOME");
        return Resident.relevant(request.env()).equals(env) && (home == null || home.isBlank() || Path.of(home).isAbsolute());
    }

    private boolean sameSettings() {
        try {
            Optional<String> level = fixed.levelGiven() ? Optional.of(fixed.level())
                    : Settings.get("logLevel", Map.of());
            if (!Objects.equals(level.orElse(null), fixed.level())) {
                return false;
            }
            if (fixed.portsGiven() == null) {
                Settings.get("instancePorts", Map.of()).ifPresentOrElse(
                        ports -> System.setProperty(Settings.PORTS_PROPERTY, ports),
                        () -> System.clearProperty(Settings.PORTS_PROPERTY));
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false; // a settings file it cannot read: the client's own JVM says so
        }
    }

    /** Asks for the stdout connection and waits for it; null (and {@code c}: nothing ran) when it does not come. */
    private Socket attach() throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        CompletableFuture<Socket> waiting = new CompletableFuture<>();
        attaching.put(id, waiting);
        reply("run " + id);
        try {
            return waiting.get(ATTACH_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            reply("c");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            attaching.remove(id);
        }
    }

    private void reply(String line) throws IOException {
        OutputStream out = control.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Runs the command, its stdout to {@code stdout}, or (null) in frames beside stderr's. */
    private void execute(Socket stdout) throws IOException {
        PrintStream ownOut = System.out;
        PrintStream ownErr = System.err;
        InputStream ownIn = System.in;
        OutputStream frameStream = new BufferedOutputStream(control.getOutputStream(), 1 << 16);
        LineFrames frames = LineFrames.stderr(frameStream);
        PrintStream out = new PrintStream(stdout != null ? new BufferedOutputStream(stdout.getOutputStream(), 1 << 16)
                : LineFrames.stdout(frameStream), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(frames, true, StandardCharsets.UTF_8);
        Thread runner = Thread.currentThread();
        Thread hangUp = new Thread(() -> interruptWhenGone(runner), "foldout-resident-hang-up");
        hangUp.setDaemon(true);
        int code = 1;
        try {
            System.setOut(out);
            System.setErr(err);
            System.setIn(new ByteArrayInputStream(new byte[0]));
            control.setSoTimeout(0);
            hangUp.start();
            PrintWriter outWriter = new PrintWriter(out, true);
            PrintWriter errWriter = new PrintWriter(err, true);
            try {
                code = Main.runCommand(request.args().toArray(String[]::new), outWriter, errWriter);
            } catch (RuntimeException | Error e) {
                errWriter.println("foldout: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } finally {
                outWriter.flush();
                errWriter.flush();
                out.flush();
            }
        } finally {
            if (stdout != null) {
                stdout.close(); // cat ends, before the exit code is sent
            }
            System.setOut(ownOut);
            System.setErr(ownErr);
            System.setIn(ownIn);
            Thread.interrupted(); // the client hung up: this thread ends here
        }
        try {
            frames.exit(code);
        } catch (IOException e) {
            // the client is gone: nothing to tell
        }
    }

    /** Interrupts the command when the client hangs up (Ctrl-C, a killed shell): its connection reads end-of-file. */
    private void interruptWhenGone(Thread runner) {
        try {
            if (controlIn.read() < 0) {
                runner.interrupt();
            }
        } catch (IOException e) {
            // closed when the command ended
        }
    }
}
