package dev.foldout.bench.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line of {@code --name value} pairs against the names a main method knows, each with its default; a name
 * it does not know, or one without a value, is refused with the list of names.
 */
final class Options {
    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** Reads {@code args} against {@code defaults}: names (without the dashes) to default values. */
    static Options parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !values.containsKey(name) || i + 1 == args.length) {
                throw new IllegalArgumentException("cannot read '" + args[i] + "'; the options are " + usage(defaults));
            }
            values.put(name, args[i + 1]);
        }
        return new Options(values);
    }

    private static String usage(Map<String, String> defaults) {
        StringBuilder sb = new StringBuilder();
        defaults.forEach((k, v) -> sb.append(" --").append(k).append(' ').append(v.isEmpty() ? "VALUE" : v));
        return sb.toString().strip();
    }

    /** The value of {@code name}; refused when it is empty and the option has no default. */
    String text(String name) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    /** The value of {@code name}, empty when not given and without a default. */
    String optional(String name) {
        return values.get(name);
    }

    /** The value of {@code name} as a number, refused when it is not one. */
    int number(String name) {
        try {
            return Integer.parseInt(text(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + values.get(name) + "'", e);
        }
    }

    /** The value of {@code name} split at commas, blanks dropped. */
    List<String> list(String name) {
        return java.util.Arrays.stream(values.get(name).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
