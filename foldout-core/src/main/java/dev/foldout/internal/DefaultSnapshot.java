package dev.foldout.internal;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.RefKind;
import dev.foldout.Snapshot;
import dev.foldout.internal.ops.CopyOperation;
import dev.foldout.internal.ops.RestoreOperation;

/** A snapshot handle. */
final class DefaultSnapshot extends RefHandle implements Snapshot {

    DefaultSnapshot(Session session, String name) {
        super(session, name, RefKind.SNAPSHOT);
    }

    @Override
    public void restore(CopyOptions options) {
        RestoreOperation.run(session, info().parent(), name, options);
    }

    @Override
    public Branch branch(String branchName, CopyOptions options) {
        CopyOperation.run(session, RefKind.BRANCH, name, branchName, options);
        return new DefaultBranch(session, branchName);
    }
}
