package dev.foldout.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A harness's command line: {@code --name value} pairs, each with its default, and {@code --dir}, which every harness
 * needs. An unknown name or a missing {@code --dir} is refused with the usage.
 */
public final class HarnessArgs {
    private final Map<String, String> values;
    private final Path dir;

    private HarnessArgs(Map<String, String> values, Path dir) {
        this.values = values;
        this.dir = dir;
    }

    /**
     * Reads {@code args}; {@code defaults} are the other options' names (without {@code --}) and default values, in
     * pairs: {@code "runs", "20", "cases", "rows,percent"}. {@code dirMeans} says what {@code --dir} must name.
     */
    public static HarnessArgs parse(String[] args, String dirMeans, String... defaults) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < defaults.length; i += 2) {
            values.put(defaults[i], defaults[i + 1]);
        }
        StringBuilder usage = new StringBuilder("usage: --dir DIR");
        values.forEach((k, v) -> usage.append(" [--").append(k).append(' ').append(v).append(']'));
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (i + 1 >= args.length || !(name.equals("dir") || values.containsKey(name))) {
                throw new IllegalArgumentException("unknown or incomplete argument " + args[i] + "; " + usage);
            }
            if (name.equals("dir")) {
                dir = Path.of(args[++i]);
            } else {
                values.put(name, args[++i]);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required: " + dirMeans + "; " + usage);
        }
        return new HarnessArgs(values, dir);
    }

    /** {@code --dir}. */
    public Path dir() {
        return dir;
    }

    /** The text of option {@code name}. */
    public String text(String name) {
        return values.get(name);
    }

    /** Option {@code name} as a number. */
    public int number(String name) {
        return Integer.parseInt(values.get(name));
    }
}
