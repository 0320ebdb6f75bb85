package dev.foldout.cli.commands;

import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.cli.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foldout snapshots list|restore|delete}. */
@Command(name = "snapshots", description = "List, restore and delete snapshots.",
        subcommands = {SnapshotsCommand.List.class, SnapshotsCommand.Restore.class, SnapshotsCommand.Delete.class})
public final class SnapshotsCommand {

    /** {@code foldout snapshots list [--json]}. */
    @Command(name = "list", description = "List the snapshots, each checked against the server.")
    static final class List extends RefListCommand {
        @Override
        java.util.List<dev.foldout.RefInfo> refs(Foldout fld) {
            return fld.snapshots();
        }

        @Override
        String noun() {
            return "snapshots";
        }
    }

    /** {@code foldout snapshots restore DB SNAPSHOT [--force] [--from-other-database]}. */
    @Command(name = "restore", description = "Put DB back to SNAPSHOT, under its own name.")
    static final class Restore implements Runnable {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "DB")
        String database;
        @Parameters(index = "1", paramLabel = "SNAPSHOT")
        String snapshot;
        @Option(names = "--force", description = "Terminate other sessions on DB instead of refusing.")
        boolean force;
        @Option(names = "--from-other-database", description = "Restore DB from a snapshot of another database, "
                + "replacing its contents with that database's (refused without this option).")
        boolean fromOtherDatabase;

        @Override
        public void run() {
            try (Foldout fld = Server.connect()) {
                long t0 = System.nanoTime();
                fld.database(database).restore(snapshot, CopyOptions.DEFAULTS.withForce(force)
                        .withFromOtherDatabase(fromOtherDatabase));
                spec.commandLine().getOut().println("restored \"" + database + "\" from snapshot \"" + snapshot + "\" in "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms");
            }
        }
    }

    /** {@code foldout snapshots delete SNAPSHOT [--force]}. */
    @Command(name = "delete", description = "Delete a snapshot.")
    static final class Delete implements Runnable {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "SNAPSHOT")
        String snapshot;
        @Option(names = "--force", description = "Terminate sessions connected to it instead of refusing.")
        boolean force;

        @Override
        public void run() {
            try (Foldout fld = Server.connect()) {
                fld.getSnapshot(snapshot).delete(force);
                spec.commandLine().getOut().println("deleted snapshot \"" + snapshot + "\"");
            }
        }
    }
}
