package dev.foldout.internal.ops;

import dev.foldout.internal.diff.DiffRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where a merge reads and writes: connections to its base, its branch and its target, each opened on demand, and
 * where the two diffs it makes (base to branch, base to target) may start locating. A database branch has all three
 * in the parent's cluster (the base a hidden database); an instance branch's base is a server of its own, started on
 * the base snapshot for the merge, and its diffs compare in full.
 *
 * @param baseName    the base's name, as the diffs name their current side
 * @param base        opens a prepared (read-only, REPEATABLE READ) connection to the base, not yet in a transaction
 * @param branch      the same, to the branch
 * @param intoRead    the same, to the target (for its drift)
 * @param intoWrite   opens a plain connection to the target, for the merge's transaction
 * @param branchStart where the base-to-branch diff may start locating; empty: compared in full
 * @param driftStart  where the base-to-target diff may start locating; empty: compared in full
 * @param noBase      why a diff without a start compares in full
 */
record MergeSides(String baseName, Opener base, Opener branch, Opener intoRead, Opener intoWrite,
                  Optional<DiffRequest.Base> branchStart, Optional<DiffRequest.Base> driftStart, String noBase) {

    /** Opens one connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }
}
