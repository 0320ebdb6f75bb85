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

    /** {@code foldout snapshots restore SNAPSHOT [--force]}, or {@code restore DB SNAPSHOT [--from-other-database]}. */
    @Command(name = "restore", description = "Put the database SNAPSHOT was taken of back to it, under its own name; "
            + "with DB first, restore DB (another database needs --from-other-database).")
    static final class Restore implements Runnable {
        @Spec
        CommandSpec spec;
        @Parameters(arity = "1..2", paramLabel = "[DB] SNAPSHOT")
        java.util.List<String> names;
        @Option(names = "--force", description = "Terminate other sessions on the database instead of refusing.")
        boolean force;
        @Option(names = "--from-other-database", description = "Restore DB from a snapshot of another database, "
                + "replacing its contents with that database's (refused without this option).")
        boolean fromOtherDatabase;

        @Override
        public void run() {
            try (Foldout fld = Server.connect()) {
                String snapshot = names.get(names.size() - 1);
                String database = names.size() == 2 ? names.get(0) : snapshotOf(fld, snapshot);
                long t0 = System.nanoTime();
                fld.getDatabase(database).restore(snapshot, CopyOptions.DEFAULTS.withForce(force)
                        .withFromOtherDatabase(fromOtherDatabase));
                spec.commandLine().getOut().println("restored \"" + database + "\" from snapshot \"" + snapshot + "\" in "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms");
            }
        }

        /** The database a snapshot was taken of; a name that is not a snapshot gets a hint about the order. */
        private String snapshotOf(Foldout fld, String snapshot) {
            return fld.snapshots().stream().filter(r -> r.name().equals(snapshot)).map(dev.foldout.RefInfo::parent)
                    .findFirst().orElseThrow(() -> new dev.foldout.NotFoundException("no snapshot named \"" + snapshot
                            + "\" - 'foldout snapshots list' shows them (to restore a database from one: "
                            + "foldout snapshots restore [DB] SNAPSHOT)"));
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
