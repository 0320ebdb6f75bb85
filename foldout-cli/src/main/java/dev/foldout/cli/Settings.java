package dev.foldout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's settings, each with where it came from. A flag wins, then the environment, then {@code foldout.json} in
 * the working directory, then the user's {@code config.json} (in {@code $FOLDOUT_HOME}, else {@code ~/.foldout}):
 * a JSON object of strings, e.g. {@code {"url": "postgresql://app@db:5432/app", "backend": "reflink"}}.
 *
 * <p>Settings: {@code url} (the server), {@code backend} (the default of {@code branch} and {@code snapshot}),
 * {@code dataPath} (where the server's data directory is visible from here), {@code logLevel} (error, warn, info,
 * debug), {@code instancePorts} (the ports instance branches are given, {@code FROM-TO}), {@code listenAddress} (the
 * address an instance branch's server listens on unless {@code --listen} says otherwise).
 */
public final class Settings {
    /** The settings, in the order {@code foldout config} shows them. */
    public static final List<String> KEYS = List.of("url", "backend", "dataPath", "logLevel", "instancePorts",
            "listenAddress");
    private static final Map<String, String> ENV = Map.of("url", "FLD_DATABASE", "backend", "FOLDOUT_BACKEND",
            "dataPath", "FLD_PG_DATA_PATH", "logLevel", "FOLDOUT_LOG", "instancePorts", "FOLDOUT_INSTANCE_PORTS",
            "listenAddress", "FOLDOUT_LISTEN_ADDRESS");
    /** The system property the library reads the instance branches' port range from. */
    public static final String PORTS_PROPERTY = "foldout.instance.ports";
    /** The system property the CLI's logging (slf4j-simple) reads its level from, once, when it starts. */
    public static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    /** A setting's value and where it came from (a flag, a variable, a file). */
    public record Value(String value, String source) {
    }

    private Settings() {
    }

    /** The files read, highest precedence first: the working directory's, then the user's. */
    public static List<Path> files() {
        String home = System.getenv("FOLDOUT_HOME");
        Path user = home != null && !home.isBlank() ? Path.of(home).resolve("config.json")
                : Path.of(System.getProperty("user.home"), ".foldout", "config.json");
        return List.of(Invocation.current().resolve("foldout.json"), user);
    }

    /** Every setting that has a value, given {@code flags} (setting to value, from the command line). */
    public static Map<String, Value> load(Map<String, String> flags) {
        Map<String, Value> out = new LinkedHashMap<>();
        List<Path> files = files();
        for (int i = files.size() - 1; i >= 0; i--) {
            read(files.get(i)).forEach((k, v) -> out.put(k, v));
        }
        for (String key : KEYS) {
            String env = System.getenv(ENV.get(key));
            if (env != null) {
                out.put(key, new Value(env, "$" + ENV.get(key)));
            }
            String flag = flags.get(key);
            if (flag != null) {
                out.put(key, new Value(flag, "--" + key));
            }
        }
        return out;
    }

    /** One setting's value, if any. */
    public static Optional<String> get(String key, Map<String, String> flags) {
        return Optional.ofNullable(load(flags).get(key)).map(Value::value);
    }

    private static Map<String, Value> read(Path file) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile()); // made only when there is a file: it loads many classes
        } catch (IOException e) {
            throw new IllegalArgumentException("the settings file " + file + " is not JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + "): fix it or remove it");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the settings file " + file + " must hold one JSON object, e.g. "
                    + "{\"url\": \"postgresql://user@host:5432/db\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown setting '" + e.getKey() + "' in " + file + ": the settings are "
                        + String.join(", ", KEYS));
            }
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("setting '" + e.getKey() + "' in " + file + " must be a string");
            }
            out.put(e.getKey(), new Value(e.getValue().asText(), file.toString()));
        }
        return out;
    }
}
