package dev.foldout.cli.commands;

import dev.foldout.Foldout;
import dev.foldout.cli.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foldout reset BRANCH}: the branch becomes a fresh copy of its parent, under the same name and URL. */
@Command(name = "reset", description = "Throws away what BRANCH changed: it becomes a fresh copy of its parent's current "
        + "state under the same name and URL, with a new merge base.")
public final class ResetCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "BRANCH", description = "The branch to reset.")
    String branch;
    @Option(names = "--force", description = "Terminate sessions on the branch and the parent instead of refusing.")
    boolean force;

    @Override
    public void run() {
        try (Foldout fld = Server.connect()) {
            fld.getBranch(branch).reset(force);
            spec.commandLine().getOut().println("reset \"" + branch + "\" to a fresh copy of \""
                    + fld.getBranch(branch).info().parent() + "\"");
        }
    }
}
