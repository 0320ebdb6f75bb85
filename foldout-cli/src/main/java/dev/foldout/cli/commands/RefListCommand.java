package dev.foldout.cli.commands;

import dev.foldout.Foldout;
import dev.foldout.RefInfo;
import dev.foldout.cli.Server;
import dev.foldout.cli.Views;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A {@code list} sub-command of snapshots or branches: a table, or JSON with {@code --json}. */
abstract class RefListCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /** The entries to list. */
    abstract List<RefInfo> refs(Foldout fld);

    /** The plural noun for an empty list. */
    abstract String noun();

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Foldout fld = Server.connect()) {
            if (json) {
                Views.json(out, refs(fld));
            } else {
                Views.table(out, refs(fld), noun());
            }
        }
    }
}
