package dev.foldout.cli.commands;

import dev.foldout.Foldout;
import dev.foldout.cli.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foldout delete-branch NAME [--force]}. */
@Command(name = "delete-branch", description = "Delete a branch.")
public final class DeleteBranchCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
    @Option(names = "--force", description = "Terminate sessions connected to the branch instead of refusing.")
    boolean force;

    @Override
    public void run() {
        try (Foldout fld = Server.connect()) {
            fld.getBranch(name).delete(force);
            spec.commandLine().getOut().println("deleted branch \"" + name + "\"");
        }
    }
}
