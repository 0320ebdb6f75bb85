package dev.foldout.cli.commands;

import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.Snapshot;
import dev.foldout.cli.Server;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foldout snapshot DB [--name N] [-m MSG] [--force]}. */
@Command(name = "snapshot", description = "Make a read-only snapshot of a database.")
public class SnapshotCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "DB", description = "The database to snapshot.")
    String database;
    @Option(names = "--name", paramLabel = "NAME", description = "The snapshot's name (default: DB_snap_YYYYMMDD_HHMMSS).")
    String name;
    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "A message kept with the snapshot.")
    String message = "";
    @Option(names = "--force", description = "Terminate other sessions on DB instead of refusing.")
    boolean force;

    @Override
    public void run() {
        String snapName = name != null ? name
                : database + "_snap_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        try (Foldout fld = Server.connect()) {
            CopyOptions options = CopyOptions.DEFAULTS.withForce(force).withMessage(message);
            Snapshot s = fld.findBranch(database).filter(b -> b.instance().isPresent()).map(b -> b.snapshot(snapName, options))
                    .orElseGet(() -> fld.getDatabase(database).snapshot(snapName, options));
            spec.commandLine().getOut().println("snapshot \"" + s.name() + "\" of \"" + database + "\": " + s.info().copy().describe());
        }
    }

    /** {@code foldout commit DB ...}: the ZFS seed's name for a snapshot. */
    @Command(name = "commit", description = "Same as 'snapshot'.")
    public static final class Commit extends SnapshotCommand {
    }
}
