package dev.foldout.cli;

import dev.foldout.ConnectionUrl;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say which server to use, shared by every command: {@code --url}, else {@code FLD_DATABASE},
 * else the embedded default. {@code FLD_PG_DATA_PATH} says where the data directory is visible from here.
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

    /** Opens a session; progress goes to stderr when it is a terminal. */
    public static Foldout connect() {
        return Foldout.connect(config());
    }

    /** The configuration of the server the options name; progress goes to stderr when it is a terminal. */
    public static FoldoutConfig config() {
        String text = url != null ? url : System.getenv("FLD_DATABASE");
        if (text != null && text.isBlank()) {
            // an empty setting is a mistake (an unset variable in a script, say), not a wish for the embedded server
            throw new dev.foldout.FoldoutException((url != null ? "--url" : "FLD_DATABASE") + " is empty: set it to "
                    + "postgresql://user:password@host:port/database, or leave it out to use Foldout's embedded PostgreSQL");
        }
        Progress progress = Progress.onTerminal();
        ConnectionUrl target;
        if (text == null) {
            progress.step("starting the embedded PostgreSQL (first use makes it)");
            target = Foldout.embeddedServer();
        } else {
            target = ConnectionUrl.parse(text.strip());
        }
        FoldoutConfig.Builder config = FoldoutConfig.builder().url(target).progress(progress);
        String dataPath = System.getenv("FLD_PG_DATA_PATH");
        if (dataPath != null && !dataPath.isBlank()) {
            config.dataPath(Path.of(dataPath));
        }
        return config.build();
    }
}
