package dev.foldout.cli.commands;

import dev.foldout.Foldout;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResult;
import dev.foldout.cli.Server;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foldout rebase BRANCH}: the parent's changes since the branch's base brought into the branch. */
@Command(name = "rebase", description = {"Brings what the parent of BRANCH changed since the branch's merge base into "
        + "the branch: the branch is rebuilt from a fresh copy of its parent with its own changes replayed on top, under the "
        + "same name and URL.",
        "Conflicts are printed one per line and nothing changes (exit status 3), unless --prefer settles them. The parent "
                + "must have no other sessions for the moment it is copied."})
public final class RebaseCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "BRANCH", description = "The branch to rebase onto its parent.")
    String branch;
    @Option(names = "--prefer", paramLabel = "parent|branch|SIDE:TABLE", description = "Settle conflicts for a side: "
            + "parent or branch for all of them, or e.g. branch:public.orders for one table's (repeatable).")
    List<String> prefer = List.of();
    @Option(names = "--force", description = "Terminate sessions on the branch and the parent instead of refusing.")
    boolean force;

    @Override
    public void run() {
        MergeOptions options = MergeCommand.withPrefer(MergeOptions.DEFAULTS.withForce(force), prefer);
        PrintWriter out = spec.commandLine().getOut();
        try (Foldout fld = Server.connect()) {
            MergeResult r = fld.getBranch(branch).rebase(options);
            out.println("rebased \"" + branch + "\" onto \"" + r.parent() + "\": " + r.drift().stream()
                    .mapToLong(t -> t.inserts() + t.updates() + t.deletes()).sum() + " rows of the parent's brought in, "
                    + r.rowsChanged() + " of the branch's own replayed, " + r.conflicts().size() + " conflicts (" + r.resolved()
                    + " settled), in " + r.elapsed().toMillis() + " ms");
        }
    }
}
