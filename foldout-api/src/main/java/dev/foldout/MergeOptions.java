package dev.foldout;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Options of a merge or rebase.
 *
 * @param prefer    how every conflict is settled unless a table has its own choice: {@link MergeResolution#FAIL}
 *                  (the default) refuses the merge, naming the conflicts
 * @param perTable  a resolution per table, keyed by its qualified name ({@code public.orders}); wins over
 *                  {@code prefer}
 * @param resolver  asked for each conflict that neither {@code perTable} nor {@code prefer} settles; may answer
 *                  {@link MergeResolution#FAIL}; null: none
 * @param dryRun    plan only: report the SQL, conflicts and drift, and change nothing on either side
 * @param force     terminate the sessions connected to the branch while its new base is copied, instead of refusing
 */
public record MergeOptions(MergeResolution prefer, Map<String, MergeResolution> perTable,
                           Function<MergeConflict, MergeResolution> resolver, boolean dryRun, boolean force) {
    /** Refuse every conflict, apply for real, refuse a branch in use. */
    public static final MergeOptions DEFAULTS = new MergeOptions(MergeResolution.FAIL, Map.of(), null, false, false);

    /** Validates the record and copies the map. */
    public MergeOptions {
        Objects.requireNonNull(prefer, "prefer");
        perTable = Map.copyOf(Objects.requireNonNull(perTable, "perTable"));
    }

    /** How {@code conflict} is settled by these options. */
    public MergeResolution resolve(MergeConflict conflict) {
        MergeResolution r = perTable.getOrDefault(conflict.object(), prefer);
        if (r == MergeResolution.FAIL && resolver != null) {
            r = Objects.requireNonNullElse(resolver.apply(conflict), MergeResolution.FAIL);
        }
        return r;
    }

    /** These options with a resolution for every conflict. */
    public MergeOptions withPrefer(MergeResolution value) {
        return new MergeOptions(value, perTable, resolver, dryRun, force);
    }

    /** These options with a resolution for the conflicts of one table ({@code schema.table}). */
    public MergeOptions withPrefer(String table, MergeResolution value) {
        java.util.HashMap<String, MergeResolution> m = new java.util.HashMap<>(perTable);
        m.put(Objects.requireNonNull(table, "table"), Objects.requireNonNull(value, "value"));
        return new MergeOptions(prefer, m, resolver, dryRun, force);
    }

    /** These options with a resolver asked per conflict. */
    public MergeOptions withResolver(Function<MergeConflict, MergeResolution> value) {
        return new MergeOptions(prefer, perTable, value, dryRun, force);
    }

    /** These options as a dry run (or not). */
    public MergeOptions withDryRun(boolean value) {
        return new MergeOptions(prefer, perTable, resolver, value, force);
    }

    /** These options with force set as given. */
    public MergeOptions withForce(boolean value) {
        return new MergeOptions(prefer, perTable, resolver, dryRun, value);
    }
}
