package dev.foldout.cli.commands;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code foldout completion}: a bash completion script for every command, group and option, generated from the
 * commands themselves; zsh loads it through {@code bashcompinit}.
 */
@Command(name = "completion", description = "Print a bash (and zsh) completion script: "
        + "source <(bin/foldout completion); in zsh run 'autoload -U bashcompinit && bashcompinit' first.")
public final class CompletionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("foldout", spec.root().commandLine()));
        out.flush(); // print does not flush by itself, and the launcher exits right after
    }
}
