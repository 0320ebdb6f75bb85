package dev.foldout.internal;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Database;
import dev.foldout.Diff;
import dev.foldout.NotSupportedException;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.Snapshot;
import dev.foldout.internal.ops.CopyOperation;
import dev.foldout.internal.ops.DropOperation;
import java.sql.Connection;

/** A branch handle. */
final class DefaultBranch implements Branch {
    private final Session session;
    private final String name;

    DefaultBranch(Session session, String name) {
        this.session = session;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RefInfo info() {
        return Refs.require(session, RefKind.BRANCH, name);
    }

    @Override
    public Connection open() {
        return session.connections().open(name);
    }

    @Override
    public String jdbcUrl() {
        return session.connections().url().withDatabase(name).jdbcUrl();
    }

    @Override
    public Database parent() {
        return new DefaultDatabase(session, info().parent());
    }

    @Override
    public Snapshot snapshot(String snapshotName, CopyOptions options) {
        CopyOperation.run(session, RefKind.SNAPSHOT, name, snapshotName, options);
        return new DefaultSnapshot(session, snapshotName);
    }

    @Override
    public Diff diff() {
        throw new NotSupportedException("diff of branch \"" + name + "\" is not supported yet: the diff engine "
                + "(foldout diff / apply) is still to be built");
    }

    @Override
    public void delete(boolean force) {
        DropOperation.deleteRef(session, RefKind.BRANCH, name, force);
    }

    @Override
    public String toString() {
        return "Branch[" + name + "]";
    }
}
