package dev.foldout.cli.resident;

import dev.foldout.cli.Invocation;
import dev.foldout.cli.Main;
import dev.foldout.cli.Settings;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One command line the resident runs, or declines ({@code cold}: the client runs it in a JVM of its own). It runs
 * only what it would run exactly as a JVM of the client's own would: the client's environment (the variables that
 * matter) must be the resident's, and so must the log level the settings name. Told {@code run}, the client answers
 * {@link Request#GO} and the command starts; a client that does not (it timed out and ran the command itself) leaves
 * nothing run. The output comes back in {@link Chunks}.
 *
 * <p>A client that hangs up while its command runs (Ctrl-C, a killed shell) stops the resident, as Ctrl-C stops a
 * JVM of the command's own: its connections close, so PostgreSQL rolls back what the command had not committed.
 */
final class Served {
    /**
     * The commands the resident runs. Not those that start long-lived servers or print the demo (they outlast a
     * command), {@code help} and {@code completion} (they list every command; nothing gained).
     */
    static final Set<String> COMMANDS = Set.of("databases", "snapshot", "commit", "snapshots", "branch", "branches",
            "delete-branch", "diff", "apply", "merge", "rebase", "reset", "status", "version", "config");
    private static final List<String> HELP = List.of("-h", "--help", "-V", "--version");
    private static final int GO_TIMEOUT_MS = 10_000;
    private final Request request;
    private final Socket control;
    private final InputStream controlIn;
    private final Charset text;
    private final Fixed fixed;
    private final Map<String, String> env;
    private final ProcessFacts process;
    private final Consumer<String> stop;
    private final Runnable release;

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

    /**
     * {@code stop} ends the process, saying why: the client hung up mid-command, or the command failed with an Error;
     * {@code release} frees the resident for the next command, before this one's exit code is sent (the client may
     * send its next command as soon as it has it).
     */
    Served(Request request, Socket control, InputStream controlIn, Charset text, Fixed fixed, Map<String, String> env,
            ProcessFacts process, Consumer<String> stop, Runnable release) {
        this.request = request;
        this.control = control;
        this.controlIn = controlIn;
        this.text = text;
        this.fixed = fixed;
        this.env = env;
        this.process = process;
        this.stop = stop;
        this.release = release;
    }

    /** Tells the client to run the command line itself, and hangs up. */
    static void decline(Socket socket) throws IOException {
        try (socket) {
            socket.getOutputStream().write("cold\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Runs the command line, or declines it. */
    void run() throws IOException {
        Path dir;
        try {
            dir = Path.of(request.workingDir());
        } catch (InvalidPathException e) {
            decline(control);
            return;
        }
        if (!dir.isAbsolute() || !runsAsItsOwn(dir)) {
            decline(control);
            return;
        }
        Invocation.use(new Invocation(dir, request.console()));
        boolean handedOver = false;
        try {
            if (!sameSettings()) {
                decline(control);
                return;
            }
            OutputStream out = control.getOutputStream();
            out.write("run\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            control.setSoTimeout(GO_TIMEOUT_MS);
            if (!Request.field(controlIn, text).equals(Request.GO)) {
                return;
            }
            control.setSoTimeout(0);
            handedOver = true;
            execute(); // clears the invocation itself, before the resident takes the next command
        } finally {
            if (!handedOver) {
                Invocation.use(null);
            }
            control.close();
        }
    }

    /** Whether this process would run the line as a JVM of the client's own would. */
    private boolean runsAsItsOwn(Path dir) {
        List<String> args = request.args();
        String command = Main.commandNamed(args.toArray(String[]::new));
        if (command == null || !COMMANDS.contains(command) || args.stream().anyMatch(HELP::contains)
                || command.equals("apply") && args.stream().anyMatch(a -> namesTheProcess(dir, a))) {
            return false;
        }
        if (!process.equals(ProcessFacts.of(request.umask(), request.groups()))) {
            return false;
        }
        String home = env.get("FOLDOUT_HOME");
        String path = env.getOrDefault("PATH", "");
        return Request.relevant(request.env()).equals(env)
                && (home == null || home.isBlank() || Path.of(home).isAbsolute())
                && List.of(path.split(File.pathSeparator, -1)).stream().allMatch(p -> p.startsWith("/"));
    }

    /**
     * Whether a file argument means something else in another process: stdin, {@code /dev/fd/N}, {@code /proc/self},
     * or a link to one; anything that is not a regular file.
     */
    private static boolean namesTheProcess(Path dir, String arg) {
        if (arg.equals("-")) {
            return true;
        }
        try {
            Path p = dir.resolve(arg);
            if (!Files.exists(p)) { // a name that is not a file: the command says so, wherever it runs
                return p.normalize().startsWith("/dev") || p.normalize().startsWith("/proc");
            }
            Path real = p.toRealPath();
            return !Files.isRegularFile(real) || real.startsWith("/dev") || real.startsWith("/proc");
        } catch (InvalidPathException | IOException e) {
            return true;
        }
    }

    private boolean sameSettings() {
        try {
            Map<String, Settings.Value> settings = Settings.load(Map.of());
            String level = fixed.levelGiven() ? fixed.level() : valueOf(settings.get("logLevel"));
            if (!Objects.equals(level, fixed.level())) {
                return false;
            }
            if (fixed.portsGiven() == null) {
                String ports = valueOf(settings.get("instancePorts"));
                if (ports != null) {
                    System.setProperty(Settings.PORTS_PROPERTY, ports);
                } else {
                    System.clearProperty(Settings.PORTS_PROPERTY);
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false; // a settings file it cannot read: the client's own JVM says so
        }
    }

    private static String valueOf(Settings.Value v) {
        return v == null ? null : v.value();
    }

    private void execute() {
        PrintStream ownOut = System.out;
        PrintStream ownErr = System.err;
        InputStream ownIn = System.in;
        Chunks chunks;
        try {
            chunks = new Chunks(new java.io.BufferedOutputStream(control.getOutputStream(), Chunks.MAX_CHUNK + 64));
        } catch (IOException e) {
            return;
        }
        PrintStream out = new PrintStream(chunks.stdout(), false, encoding("stdout"));
        PrintStream err = new PrintStream(chunks.stderr(), true, encoding("stderr"));
        AtomicBoolean running = new AtomicBoolean(true);
        Thread hangUp = new Thread(() -> stopWhenGone(running), "foldout-resident-hang-up");
        hangUp.setDaemon(true);
        hangUp.start();
        int code = 1;
        Throwable fatal = null;
        try {
            System.setOut(out);
            System.setErr(err);
            System.setIn(new ByteArrayInputStream(new byte[0]));
            PrintWriter outWriter = new PrintWriter(out, true);
            PrintWriter errWriter = new PrintWriter(err, true);
            try {
                code = Main.runCommand(request.args().toArray(String[]::new), outWriter, errWriter);
            } catch (RuntimeException e) {
                errWriter.println("foldout: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (Error e) {
                errWriter.println("foldout: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
                fatal = e;
            } finally {
                outWriter.flush();
                errWriter.flush();
            }
        } finally {
            running.set(false);
            System.setOut(ownOut);
            System.setErr(ownErr);
            System.setIn(ownIn);
            Invocation.use(null);
        }
        if (fatal != null) {
            chunks.exit(code);
            stop.accept("the command failed with " + fatal); // the next command deserves a fresh JVM (busy till then)
        }
        release.run();
        chunks.exit(code);
    }

    /**
     * The encoding a JVM of the command's own writes {@code System.out} or {@code System.err} in: the same java with
     * the same options and locale as this one, whose own streams were not a console either.
     */
    private static Charset encoding(String stream) {
        String name = System.getProperty(stream + ".encoding", System.getProperty("sun." + stream + ".encoding"));
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** Stops the resident when the client hangs up while its command runs: its connection reads end-of-file. */
    private void stopWhenGone(AtomicBoolean running) {
        try {
            while (controlIn.read() >= 0) {
                // the client sends nothing more; read on until it hangs up
            }
        } catch (IOException e) {
            // closed when the command ended, or reset by the client: the same as end-of-file
        }
        if (running.get()) {
            stop.accept("the client hung up mid-command");
        }
    }
}
