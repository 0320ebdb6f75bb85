package dev.foldout.internal.ops;

import dev.foldout.internal.diff.DiffRequest;
import dev.foldout.internal.diff.locate.InstanceCut;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Where a merge reads and writes: connections to its base, its branch and its target, each opened on demand, and
 * where the two diffs it makes (base to branch, base to target) may start locating. A database branch has all three
 * in the parent's cluster (the base a hidden database), and its diffs locate from branch points; an instance branch's
 * base is a server of its own, started on the base snapshot for the merge, and its diffs locate from cuts (the page
 * scan of two clusters that share their past).
 *
 * @param baseName    the base's name, as the diffs name their current side
 * @param base        opens a prepared (read-only, REPEATABLE READ) connection to the base, not yet in a transaction
 * @param branch      the same, to the branch
 * @param intoRead    the same, to the target (for its drift)
 * @param intoWrite   opens a plain connection to the target, for the merge's transaction
 * @param branchStart where the base-to-branch diff may start locating; empty: compared in full
 * @param driftStart  where the base-to-target diff may start locating; empty: compared in full
 * @param branchCut   for the base-to-branch diff of clusters of their own, makes its cut
 * @param driftCut    the same, for the base-to-target diff
 * @param noBase      why a diff without a start or a cut compares in full
 */
record MergeSides(String baseName, Opener base, Opener branch, Opener intoRead, Opener intoWrite,
                  Optional<DiffRequest.Base> branchStart, Optional<DiffRequest.Base> driftStart,
                  Optional<CutMaker> branchCut, Optional<CutMaker> driftCut, String noBase) {

    /** Sides in one cluster: their diffs locate from branch points. */
    MergeSides(String baseName, Opener base, Opener branch, Opener intoRead, Opener intoWrite,
               Optional<DiffRequest.Base> branchStart, Optional<DiffRequest.Base> driftStart, String noBase) {
        this(baseName, base, branch, intoRead, intoWrite, branchStart, driftStart, Optional.empty(), Optional.empty(), noBase);
    }

    /** Makes a diff's cut; the connections it opens go into {@code opened}, which the merge closes. */
    @FunctionalInterface
    interface CutMaker {
        InstanceCut make(List<Connection> opened) throws SQLException;
    }

    /** Opens one connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }
}
