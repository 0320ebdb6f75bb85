package dev.foldout.internal;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.RefKind;
import dev.foldout.NotSupportedException;
import dev.foldout.Snapshot;
import dev.foldout.internal.cluster.InstanceSnapshots;
import dev.foldout.internal.cluster.Instances;
import dev.foldout.internal.ops.CopyOperation;
import dev.foldout.internal.ops.RestoreOperation;

/** A snapshot handle: a database snapshot, or a snapshot of an instance branch kept by its backend. */
final class DefaultSnapshot extends RefHandle implements Snapshot {

    DefaultSnapshot(Session session, String name) {
        super(session, name, RefKind.SNAPSHOT);
    }

    @Override
    public void restore(CopyOptions options) {
        if (InstanceSnapshots.isInstanceSnapshot(session, name)) {
            throw new NotSupportedException("snapshot \"" + name + "\" is of instance branch \"" + info().parent() + "\": "
                    + "restoring a branch in place is not supported; make a branch of the snapshot instead "
                    + "(" + Fixes.branchOfSnapshot(name) + ")");
        }
        RestoreOperation.run(session, info().parent(), name, options);
    }

    @Override
    public Branch branch(String branchName, CopyOptions options) {
        if (InstanceSnapshots.isInstanceSnapshot(session, name)) {
            Instances.create(session, name, branchName, options, info().backend());
        } else {
            CopyOperation.run(session, RefKind.BRANCH, name, branchName, options);
        }
        return new DefaultBranch(session, branchName);
    }

    @Override
    public void delete(boolean force) {
        if (InstanceSnapshots.isInstanceSnapshot(session, name)) {
            InstanceSnapshots.delete(session, name, force);
        } else {
            super.delete(force);
        }
    }
}
