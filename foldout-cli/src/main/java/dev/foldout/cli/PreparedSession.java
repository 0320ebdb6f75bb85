package dev.foldout.cli;

import dev.foldout.Foldout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The session a command is about to open, opened on a second thread while picocli builds the command's model and
 * parses its line: a short command spends about as long on each. Begun only for commands that connect first thing, and
 * only when the server is known without starting anything (a URL from a flag, a variable or a settings file, or the
 * embedded cluster already running); the command takes it when it asks for the same server, else it is closed.
 */
final class PreparedSession {
    /** The commands whose first step is {@link Server#connect()}. */
    private static final Set<String> CONNECTING = Set.of("databases", "snapshot", "commit", "snapshots", "branch",
            "branches", "delete-branch", "diff", "merge", "rebase", "reset", "status");
    private static volatile Pending pending;

    private record Pending(Map<String, String> flags, CompletableFuture<Optional<Foldout>> session) {
    }

    private PreparedSession() {
    }

    /** Begins opening the session {@code command} will ask for, if it is one that connects and the server is known. */
    static void begin(String command, String[] args) {
        Map<String, String> flags = flagsOf(args);
        if (command == null || !CONNECTING.contains(command) || flags == null) {
            return;
        }
        CompletableFuture<Optional<Foldout>> session = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                session.complete(Server.configIfKnown(flags).map(Foldout::connect));
            } catch (Throwable e) {
                session.completeExceptionally(e);
            }
        }, "foldout-prepared-session");
        opener.setDaemon(true);
        pending = new Pending(flags, session);
        opener.start();
    }

    /**
     * The session begun for these {@code flags}, waiting for it; empty when none was begun for them or the server was
     * not known. An error opening it is thrown here, as opening it here would have thrown it.
     */
    static Optional<Foldout> take(Map<String, String> flags) {
        Pending p = pending;
        pending = null;
        if (p == null) {
            return Optional.empty();
        }
        if (!p.flags().equals(flags)) {
            close(p);
            return Optional.empty();
        }
        try {
            return p.session().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Closes a session begun and not taken (the command failed before it connected, or did not need it). */
    static void discard() {
        Pending p = pending;
        pending = null;
        if (p != null) {
            close(p);
        }
    }

    private static void close(Pending p) {
        try {
            p.session().join().ifPresent(Foldout::close);
        } catch (RuntimeException e) {
            // it failed to open: nothing to close, and the command did not need it
        }
    }

    /**
     * The server flags on the line, as picocli will read them ({@code --url X} or {@code --url=X}, anywhere); null when
     * help is asked for or a flag lacks its value (picocli says what is wrong then, and nothing should connect).
     */
    static Map<String, String> flagsOf(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help") || a.equals("--")) {
                return null;
            } else if (a.equals("--url")) {
                if (i + 1 >= args.length) {
                    return null;
                }
                flags.put("url", args[++i]);
            } else if (a.startsWith("--url=")) {
                flags.put("url", a.substring("--url=".length()));
            }
        }
        return flags;
    }
}
