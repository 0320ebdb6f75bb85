package dev.foldout.internal;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.Snapshot;
import dev.foldout.internal.ops.CopyOperation;
import dev.foldout.internal.ops.DropOperation;
import dev.foldout.internal.ops.RestoreOperation;

/** A snapshot handle. */
final class DefaultSnapshot implements Snapshot {
    private final Session session;
    private final String name;

    DefaultSnapshot(Session session, String name) {
        this.session = session;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RefInfo info() {
        return Refs.require(session, RefKind.SNAPSHOT, name);
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

    @Override
    public void delete(boolean force) {
        DropOperation.deleteRef(session, RefKind.SNAPSHOT, name, force);
    }

    @Override
    public String toString() {
        return "Snapshot[" + name + "]";
    }
}
