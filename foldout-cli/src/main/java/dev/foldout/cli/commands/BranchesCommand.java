package dev.foldout.cli.commands;

import dev.foldout.Foldout;
import dev.foldout.cli.Server;
import dev.foldout.cli.Views;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foldout branches list [--json]}. */
@Command(name = "branches", description = "List branches.", subcommands = BranchesCommand.List.class)
public final class BranchesCommand {

    /** {@code foldout branches list [--json]}. */
    @Command(name = "list", description = "List the branches, each checked against the server.")
    static final class List implements Runnable {
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Foldout fld = Server.connect()) {
                if (json) {
                    Views.json(out, fld.branches());
                } else {
                    Views.table(out, fld.branches(), "branches");
                }
            }
        }
    }
}
