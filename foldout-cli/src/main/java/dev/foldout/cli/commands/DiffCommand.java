package dev.foldout.cli.commands;

import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.Locator;
import dev.foldout.TableDiff;
import dev.foldout.UnsupportedObject;
import dev.foldout.cli.Server;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code foldout diff BRANCH} (against its parent) or {@code foldout diff LEFT RIGHT} (any two databases: the SQL
 * makes RIGHT look like LEFT). The diff goes to stdout as it is made; warnings and the summary go to stderr.
 */
@Command(name = "diff", description = {"What changed on a branch against its parent, as SQL that makes the parent look "
        + "like the branch (or, with two databases, SQL that makes RIGHT look like LEFT).",
        "The SQL goes to stdout, one statement per line, in one transaction; 'foldout apply' runs it. Warnings and a "
                + "summary go to stderr."})
public final class DiffCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "BRANCH|LEFT", description = "A branch, or with RIGHT the database to copy from.")
    String left;
    @Parameters(index = "1", arity = "0..1", paramLabel = "RIGHT", description = "The database the SQL is for.")
    String right;
    @Option(names = "--format", paramLabel = "sql|json", description = "sql (default) or json.")
    String format = "sql";
    @Option(names = "--locator", paramLabel = "auto|pagescan|wal-summaries|full-compare",
            description = "How changed rows are found (default: auto, the best available).")
    String locator = "auto";

    @Override
    public void run() {
        DiffFormat fmt = switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "sql" -> DiffFormat.SQL;
            case "json" -> DiffFormat.JSON;
            default -> throw new IllegalArgumentException("unknown --format '" + format + "': use sql or json");
        };
        DiffOptions options = new DiffOptions(locator(locator), false);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (Foldout fld = Server.connect()) {
            Diff diff = right == null ? fld.getBranch(left).writeDiff(out, fmt, options)
                    : fld.writeDiff(left, right, out, fmt, options);
            out.flush();
            summary(err, diff, (System.nanoTime() - start) / 1_000_000);
        }
    }

    static Locator locator(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> Locator.AUTO;
            case "pagescan" -> Locator.PAGESCAN;
            case "wal-summaries", "wal" -> Locator.WAL_SUMMARIES;
            case "full-compare", "full" -> Locator.FULL_COMPARE;
            default -> throw new IllegalArgumentException("unknown --locator '" + text
                    + "': use auto, pagescan, wal-summaries or full-compare");
        };
    }

    private static void summary(PrintWriter err, Diff diff, long millis) {
        for (UnsupportedObject u : diff.unsupported()) {
            err.println("warning: not in the diff: " + u.kind() + " " + u.name() + ": " + u.reason());
        }
        long rows = 0;
        for (TableDiff t : diff.tables()) {
            if (t.hasChanges()) {
                err.println("  " + t.schema() + "." + t.name() + ": +" + t.inserts() + " ~" + t.updates() + " -" + t.deletes()
                        + " (" + t.locator() + ")");
            }
            rows += t.inserts() + t.updates() + t.deletes();
        }
        err.println("diff " + diff.branch() + " -> " + diff.parent() + " (" + diff.mode().label() + "): "
                + diff.schemaChanges().size() + " schema changes, " + rows + " rows in "
                + diff.tables().stream().filter(TableDiff::hasChanges).count() + " of " + diff.tables().size()
                + " tables, " + millis + " ms");
        if (diff.parentChanges().undoesParentWork()) {
            err.println("warning: " + diff.parent() + " changed since " + diff.branch() + " was made: applying this 2-way diff "
                    + "would undo " + diff.parentChanges().describe() + "; 'foldout apply' refuses it without --force - "
                    + "'foldout merge " + diff.branch() + "' keeps them (a branch made with a merge base)");
        }
        if (diff.mode() == dev.foldout.DiffMode.THREE_WAY) {
            err.println("(3-way: what " + diff.branch() + " changed since its merge base, less what " + diff.parent()
                    + " already has; apply refuses rows " + diff.parent() + " changed since - 'foldout merge "
                    + diff.branch() + "' merges them cell by cell)");
        }
        err.flush();
    }
}
