package dev.foldout.cli.commands;

import dev.foldout.MergeOptions;
import dev.foldout.MergeResolution;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code --prefer} option of {@code merge} and {@code rebase}: how conflicts are settled. */
public final class PreferOption {
    @Option(names = "--prefer", paramLabel = "parent|branch|SIDE:TABLE", description = "Settle conflicts for a side: "
            + "parent or branch for all of them, or e.g. branch:public.orders for one table's (repeatable).")
    List<String> prefer = List.of();

    /** {@code options} with the resolutions given ({@code parent}, {@code branch:public.t}). */
    MergeOptions apply(MergeOptions options) {
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
}
