package dev.foldout.cli.commands;

import dev.foldout.Foldout;
import dev.foldout.RefInfo;
import picocli.CommandLine.Command;

/** {@code foldout branches list [--json]}. */
@Command(name = "branches", description = "List branches.", subcommands = BranchesCommand.List.class)
public final class BranchesCommand {

    /** {@code foldout branches list [--json]}. */
    @Command(name = "list", description = "List the branches, each checked against the server.")
    static final class List extends RefListCommand {
        @Override
        java.util.List<RefInfo> refs(Foldout fld) {
            return fld.branches();
        }

        @Override
        String noun() {
            return "branches";
        }
    }
}
