package dev.foldout.cli.commands;

import dev.foldout.DatabaseInfo;
import dev.foldout.Foldout;
import dev.foldout.cli.Server;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foldout databases list}. */
@Command(name = "databases", description = "List, create and drop the databases of the server.",
        subcommands = {DatabasesCommand.List.class, DatabasesCommand.Create.class, DatabasesCommand.Drop.class})
public final class DatabasesCommand {

    /** {@code foldout databases create NAME}. */
    @Command(name = "create", description = "Create an empty database.")
    static final class Create implements Runnable {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            try (Foldout fld = Server.connect()) {
                fld.createDatabase(name);
                spec.commandLine().getOut().println("created database \"" + name + "\"");
            }
        }
    }

    /** {@code foldout databases drop NAME [--force]}. */
    @Command(name = "drop", description = "Drop a database (and its catalog entry, if Foldout made it).")
    static final class Drop implements Runnable {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME")
        String name;
        @picocli.CommandLine.Option(names = "--force", description = "Terminate sessions connected to it instead of refusing.")
        boolean force;

        @Override
        public void run() {
            try (Foldout fld = Server.connect()) {
                fld.getDatabase(name).drop(force);
                spec.commandLine().getOut().println("dropped database \"" + name + "\"");
            }
        }
    }

    /** {@code foldout databases list}. */
    @Command(name = "list", description = "List the databases, with their OID, size and what Foldout made of them.")
    static final class List implements Runnable {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Foldout fld = Server.connect()) {
                if (json) {
                    dev.foldout.cli.Views.databasesJson(out, fld.databases());
                    return;
                }
                out.printf("%-10s %-32s %10s  %s%n", "OID", "DATABASE", "SIZE", "FOLDOUT");
                for (DatabaseInfo db : fld.databases()) {
                    out.printf("%-10d %-32s %10s  %s%n", db.oid(), db.name(), size(db.sizeBytes()),
                            db.ref().map(k -> k.name().toLowerCase(Locale.ROOT)).orElse(""));
                }
            }
        }

        private static String size(long bytes) {
            if (bytes < 0) {
                return "?";
            }
            return bytes >= 1 << 20 ? (bytes >> 20) + " MB" : (bytes >> 10) + " kB";
        }
    }
}
