package dev.foldout.internal;

import static dev.foldout.internal.sql.ReadSnapshots.prepared;
import static dev.foldout.internal.sql.ReadSnapshots.snapshot;

import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.InstanceInfo;
import dev.foldout.Locator;
import dev.foldout.NotFoundException;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.cluster.Instances;
import dev.foldout.internal.diff.DiffEngine;
import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.QuietBranches;
import dev.foldout.internal.diff.DiffRequest;
import java.util.Optional;
import java.util.Set;

/**
 * The diff of a branch against its parent: its own changes since its base (a three-way diff, {@link OwnChanges}),
 * or the two-way diff from its branch point; an instance branch's goes to {@link InstanceDiff}.
 */
final class BranchDiff {
    private BranchDiff() {
    }

    /** The backends whose branches are databases in the parent's cluster: the WAL locators may serve their diffs. */
    static final Set<String> SAME_CLUSTER = Set.of("template", "reflink");

    /** The diff of a branch against its parent; written to {@code out} as made when {@code out} is not null. */
    static Diff of(Session s, String branch, DiffOptions options, Appendable out, DiffFormat format) {
        Names.requireLookup("branch", branch);
        Repairs.beforeRead(s);
        Optional<RefStore.DiffPoint> found = s.read("reading the catalog", c -> RefStore.diffPoint(c, branch));
        if (found.isEmpty() || found.get().instance()) {
            Optional<InstanceInfo> instance = Instances.findUnsized(s, branch);
            if (instance.isPresent()) {
                return InstanceDiff.of(s, instance.get(), options, out, format);
            }
        }
        RefStore.DiffPoint point = found.filter(p -> p.ref().kind() == RefKind.BRANCH)
                .orElseThrow(() -> Refs.notFound(RefKind.BRANCH, branch));
        RefInfo ref = point.ref();
        if (ref.status() == RefStatus.MISSING) {
            throw new NotFoundException("branch \"" + branch + "\" is in the catalog but its database is gone: "
                    + Fixes.deleteBranch(branch) + " removes the entry");
        }
        if (point.parentOid() == 0) {
            throw new NotFoundException("the parent \"" + ref.parent() + "\" of branch \"" + branch + "\" no longer exists: "
                    + "compare the branch with another database with " + Fixes.diffWithOther(branch) );
        }
        boolean parentReplaced = point.recordedParent() != 0 && point.recordedParent() != point.parentOid();
        if (SAME_CLUSTER.contains(ref.backend()) && ref.status() == RefStatus.OK && ref.base().isPresent() && !parentReplaced) {
            Connectable.requireBranch(s, branch, ref.parent());
            return OwnChanges.diff(s, point, options, out, format);
        }
        String why;
        Optional<DiffRequest.Base> base = Optional.empty();
        if (!SAME_CLUSTER.contains(ref.backend())) {
            why = "made by the " + ref.backend() + " backend";
        } else if (ref.status() == RefStatus.REPLACED) {
            why = "the branch's database was replaced since it was made";
        } else if (ref.status() == RefStatus.UNTRUSTED) {
            why = "its catalog entry is untrusted (written by a role that could not have made it)";
        } else if (point.recordedParent() != 0 && point.recordedParent() != point.parentOid()) {
            why = "the parent was replaced since the branch was made (a restore)";
        } else {
            why = "";
            base = Optional.of(new DiffRequest.Base(ref.lsn(), ref.createdAt(), point.branchXid()));
        }
        if (base.isPresent() && (options.locator() == Locator.AUTO || options.locator() == Locator.WAL_SUMMARIES)) {
            DiffRequest.Base start = base.get();
            Optional<DiffHeader> quiet = s.read("reading the WAL", c -> DiffEngine.stillQuiet(new DiffEngine.QuietCheck(
                    ref.parent(), branch, new QuietBranches.Key(point.parentOid(), point.branchOid(), ref.lsn()), start, c,
                    point.walEnd(), s.server().majorVersion(), s.quietBranches())));
            if (quiet.isPresent()) {
                return DiffRun.collect(s, "writing the diff", options, out, format, sink -> DiffEngine.writeEmpty(quiet.get(), sink));
            }
        }
        Connectable.requireBranch(s, branch, ref.parent());
        return DiffRun.run(s, ref.parent(), branch, () -> snapshot(s.borrow("diff:" + ref.parent(), () -> prepared(s.connections().open(ref.parent())))),
                () -> snapshot(s.borrow("diff:" + branch, () -> prepared(s.connections().open(branch)))), base, Optional.empty(),
                why, options, out, format);
    }
}
