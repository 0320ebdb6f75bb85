package dev.foldout.cli.commands;

import dev.foldout.Foldout;
import dev.foldout.MergeConflict;
import dev.foldout.MergeConflictException;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResolution;
import dev.foldout.MergeResult;
import dev.foldout.TableDiff;
import dev.foldout.cli.Server;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foldout merge BRANCH}: brings what the branch changed since its merge base into its parent, keeping what the
 * parent changed on its own. Conflicts are printed one per line and the command exits 3, changing nothing.
 */
@Command(name = "merge", description = {"Brings what BRANCH changed since its merge base into its parent, keeping what "
        + "the parent changed on its own: rows cell by cell, schema object by object, in one transaction with every "
        + "constraint checked.",
        "Conflicts are printed one per line (object, key, column, base, parent and branch values) and nothing changes "
                + "(exit status 3), unless --prefer settles them."})
public final class MergeCommand implements Runnable {
    /** The exit status of a merge refused for conflicts. */
    public static final int CONFLICTS = 3;

    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "BRANCH", description = "The branch to merge into its parent.")
    String branch;
    @Option(names = "--prefer", paramLabel = "parent|branch|SIDE:TABLE", description = "Settle conflicts for a side: "
            + "parent or branch for all of them, or e.g. branch:public.orders for one table's (repeatable).")
    List<String> prefer = List.of();
    @Option(names = "--dry-run", description = "Print the SQL, conflicts and drift; change nothing.")
    boolean dryRun;
    @Option(names = "--format", paramLabel = "text|json", description = "text (default) or json.")
    String format = "text";
    @Option(names = "--force", description = "Terminate sessions on BRANCH while its new merge base is copied.")
    boolean force;

    @Override
    public void run() {
        boolean json = switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> false;
            case "json" -> true;
            default -> throw new IllegalArgumentException("unknown --format '" + format + "': use text or json");
        };
        MergeOptions options = withPrefer(MergeOptions.DEFAULTS.withDryRun(dryRun).withForce(force), prefer);
        PrintWriter out = spec.commandLine().getOut();
        try (Foldout fld = Server.connect()) {
            MergeResult r = fld.getBranch(branch).merge(options);
            if (json) {
                out.println(MergeJson.of(r));
            } else {
                print(r, out);
            }
            out.flush();
            if (r.unresolved() > 0) {
                spec.commandLine().getErr().println("foldout: dry run: " + r.unresolved() + " conflict(s) would refuse this merge");
                throw new ConflictsFound();
            }
        }
    }

    /** {@code options} with the resolutions of {@code --prefer} values ({@code parent}, {@code branch:public.t}). */
    static MergeOptions withPrefer(MergeOptions options, List<String> prefer) {
        MergeOptions out = options;
        for (String p : prefer) {
            int colon = p.indexOf(':');
            out = colon < 0 ? out.withPrefer(side(p)) : out.withPrefer(p.substring(colon + 1), side(p.substring(0, colon)));
        }
        return out;
    }

    private static MergeResolution side(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "parent" -> MergeResolution.PARENT;
            case "branch" -> MergeResolution.BRANCH;
            default -> throw new IllegalArgumentException("unknown side '" + text + "' in --prefer: use parent or branch, "
                    + "optionally with a table (branch:public.orders)");
        };
    }

    private static void print(MergeResult r, PrintWriter out) {
        if (!r.sql().isEmpty()) {
            out.print(r.sql());
        }
        for (MergeConflict c : r.conflicts()) {
            out.println("-- conflict: " + c.describe());
        }
        String verb = r.applied() ? "merged" : "would merge";
        out.println("-- " + verb + " \"" + r.branch() + "\" into \"" + r.parent() + "\": " + r.rowsChanged() + " rows, "
                + r.schema().size() + " schema statements, " + r.conflicts().size() + " conflicts (" + r.resolved()
                + " settled), in " + r.elapsed().toMillis() + " ms");
        for (TableDiff t : r.tables()) {
            out.println("--   " + t.schema() + "." + t.name() + ": +" + t.inserts() + " ~" + t.updates() + " -" + t.deletes());
        }
        for (TableDiff t : r.drift()) {
            out.println("-- kept the parent's own changes to " + t.schema() + "." + t.name() + ": +" + t.inserts() + " ~"
                    + t.updates() + " -" + t.deletes());
        }
        r.driftSchema().forEach(d -> out.println("-- kept the parent's own change of " + d));
    }

    /** Prints a refused merge's conflicts, one per line, and its one-line error; returns the exit status. */
    public static int refused(MergeConflictException e, PrintWriter out, PrintWriter err) {
        for (MergeConflict c : e.conflicts()) {
            out.println("conflict: " + c.describe());
        }
        out.flush();
        err.println("foldout: " + e.getMessage().replace("MergeOptions.withPrefer (CLI: --prefer parent|branch, or --prefer "
                + "branch:TABLE)", "--prefer parent|branch (or --prefer branch:TABLE)"));
        err.flush();
        return CONFLICTS;
    }

    /** A dry run found conflicts: exit 3 after printing. */
    public static final class ConflictsFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
