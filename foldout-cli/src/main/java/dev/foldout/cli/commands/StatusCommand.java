package dev.foldout.cli.commands;

import dev.foldout.Foldout;
import dev.foldout.InstanceInfo;
import dev.foldout.RefInfo;
import dev.foldout.cli.Server;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code foldout status}: storage health, every instance branch with its state, port, size and age, and the
 * snapshots. Operations a dead process left half-done are repaired first, one line each.
 */
@Command(name = "status", description = "Storage health, instance branches (state, port, size, age) and snapshots.")
public final class StatusCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--repair", description = "Also remove the server's directories that no database "
            + "owns (left by a server stopped during CREATE DATABASE); needs a superuser.")
    boolean repair;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Foldout fld = Server.connect()) {
            out.println("server: PostgreSQL " + fld.server().version() + " at " + fld.server().host() + ":" + fld.server().port()
                    + " (" + Server.credentials(fld) + ")");
            for (String line : fld.storageHealth()) {
                out.println(line);
            }
            for (String line : fld.repair(repair)) {
                out.println(dev.foldout.cli.Views.forCli(line));
            }
            List<InstanceInfo> instances = fld.instances();
            if (instances.isEmpty()) {
                out.println("no instance branches");
            } else {
                out.printf("%-24s %-8s %-9s %-6s %-9s %-8s %-16s %s%n", "INSTANCE", "BACKEND", "STATE", "PORT", "SIZE", "AGE",
                        "PARENT", "DATA");
                for (InstanceInfo i : instances) {
                    out.printf("%-24s %-8s %-9s %-6d %-9s %-8s %-16s %s%n", i.name(), i.backend(),
                            i.state().name().toLowerCase(Locale.ROOT), i.port(), size(i.sizeBytes()), age(i.createdAt()),
                            i.parent(), i.dataDirectory());
                }
            }
            List<RefInfo> snapshots = fld.snapshots();
            out.println(snapshots.size() + " snapshot(s)" + (snapshots.isEmpty() ? "" : ": " + String.join(", ",
                    snapshots.stream().map(RefInfo::name).toList()) + " - 'foldout snapshots list' shows them"));
        }
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " kB";
        }
        return bytes < 1024L * 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    static String age(Instant created) {
        Duration d = Duration.between(created, Instant.now());
        if (d.toMinutes() < 1) {
            return d.toSeconds() + "s";
        }
        return d.toHours() < 1 ? d.toMinutes() + "m" : d.toDays() < 1 ? d.toHours() + "h" : d.toDays() + "d";
    }
}
