package dev.foldout.cli.commands;

import dev.foldout.ConnectionUrl;
import dev.foldout.cli.Server;
import dev.foldout.cli.Settings;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code foldout config}: each setting in force, and where it came from (a flag, a variable, a file, the default). */
@Command(name = "config", description = "Show the settings in force and where each came from (flags, environment, "
        + "./foldout.json, the user's config.json).")
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Settings.Value> settings = Settings.load(Server.flags());
        out.printf("%-10s %-48s %s%n", "SETTING", "VALUE", "FROM");
        for (String key : Settings.KEYS) {
            Settings.Value v = settings.get(key);
            String shown = v == null ? defaultOf(key) : key.equals("url") ? ConnectionUrl.mask(v.value()) : v.value();
            out.printf("%-10s %-48s %s%n", key, shown, v == null ? "default" : v.source());
        }
        out.println("files read (first wins): " + String.join(", ", Settings.files().stream().map(Object::toString).toList()));
    }

    private static String defaultOf(String key) {
        return switch (key) {
            case "url" -> "Foldout's embedded PostgreSQL";
            case "backend" -> "the best available";
            case "dataPath" -> "the server's data_directory";
            default -> "info";
        };
    }
}
