package dev.foldout.cli;

import dev.foldout.ConnectionUrl;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that say which server to use, shared by every command: {@code --url}, else {@code FLD_DATABASE},
 * else the settings files ({@link Settings}), else the embedded default. {@code FLD_PG_DATA_PATH} (or the setting
 * {@code dataPath}) says where the data directory is visible from here.
 */
public final class Server {
    private static volatile String url;

    /**
     * {@code --url}, accepted before or after the sub-command (picocli copies an inherited option into every
     * sub-command; each copy lands here).
     */
    @Option(names = "--url", paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "postgresql://user:password@host:port/db or jdbc:postgresql://... (default: $FLD_DATABASE, "
                    + "else the embedded cluster)")
    void setUrl(String value) {
        url = value;
    }

    /**
     * Opens a session (the one {@link PreparedSession} began, when it was for the same server); progress goes to stderr
     * when it is a terminal.
     */
    public static Foldout connect() {
        return PreparedSession.take(flags()).orElseGet(() -> Foldout.connect(config()));
    }

    /** The configuration of the server the options name; progress goes to stderr when it is a terminal. */
    public static FoldoutConfig config() {
        return config(flags(), true).orElseThrow();
    }

    /** The configuration of the server {@code flags} name, if it is known without starting the embedded cluster. */
    static Optional<FoldoutConfig> configIfKnown(Map<String, String> flags) {
        return config(flags, false);
    }

    private static Optional<FoldoutConfig> config(Map<String, String> flags, boolean startEmbedded) {
        Map<String, Settings.Value> settings = Settings.load(flags);
        Settings.Value given = settings.get("url");
        if (given != null && given.value().isBlank()) {
            // an empty setting is a mistake (an unset variable in a script, say), not a wish for the embedded server
            String where = given.source().startsWith("--") ? given.source()
                    : given.source().startsWith("$") ? given.source().substring(1) : "url in " + given.source();
            throw new dev.foldout.FoldoutException(where + " is empty: set it to postgresql://user:password@host:port/"
                    + "database, or leave it out to use Foldout's embedded PostgreSQL");
        }
        Progress progress = Progress.onTerminal();
        ConnectionUrl target;
        if (given == null && !startEmbedded) {
            Optional<ConnectionUrl> running = Foldout.embeddedServerIfRunning();
            if (running.isEmpty()) {
                return Optional.empty();
            }
            target = running.get();
        } else if (given == null) {
            progress.step("starting the embedded PostgreSQL (first use makes it)");
            target = Foldout.embeddedServer();
        } else {
            target = ConnectionUrl.parse(given.value().strip());
        }
        FoldoutConfig.Builder config = FoldoutConfig.builder().url(target).progress(progress);
        if (given == null) {
            // Foldout's own cluster: through its socket, which skips the password exchange
            config.localSocket(Foldout.embeddedSocket().orElse(null));
        }
        Settings.Value dataPath = settings.get("dataPath");
        if (dataPath != null && !dataPath.value().isBlank()) {
            config.dataPath(Invocation.current().resolve(dataPath.value()));
        }
        return Optional.of(config.build());
    }

    /**
     * Who a printed URL connects as and where its password is, for the line that prints it: {@code user postgres,
     * password in /var/lib/foldout/embedded.password}, or {@code user app, password as in --url}.
     */
    public static String credentials(Foldout fld) {
        String user = "user " + fld.server().user();
        Settings.Value given = Settings.load(flags()).get("url");
        if (given == null) {
            return user + ", password in " + Foldout.embeddedPasswordFile();
        }
        String where = given.source().startsWith("-") || given.source().startsWith("$") ? given.source()
                : "the url setting of " + given.source();
        return user + (ConnectionUrl.parse(given.value().strip()).password().isEmpty() ? ", no password in " + where
                : ", password as in " + where);
    }

    /** Forgets the {@code --url} of a command line run before (the resident JVM runs many in one process). */
    static void forget() {
        url = null;
    }

    /** The settings the command line gave. */
    public static Map<String, String> flags() {
        return url != null ? Map.of("url", url) : Map.of();
    }

    /** The backend a copy uses when none is named: the setting {@code backend}, else the best available. */
    public static String backend(String named) {
        return named != null && !named.isBlank() ? named : Settings.get("backend", flags()).orElse("");
    }
}
