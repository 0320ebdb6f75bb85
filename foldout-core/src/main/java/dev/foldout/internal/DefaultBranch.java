package dev.foldout.internal;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Database;
import dev.foldout.Diff;
import dev.foldout.NotSupportedException;
import dev.foldout.RefKind;
import dev.foldout.Snapshot;
import java.sql.Connection;

/** A branch handle; connecting to it and snapshotting it are what its database handle does. */
final class DefaultBranch extends RefHandle implements Branch {
    private final DefaultDatabase database;

    DefaultBranch(Session session, String name) {
        super(session, name, RefKind.BRANCH);
        this.database = new DefaultDatabase(session, name);
    }

    @Override
    public Connection open() {
        return database.open();
    }

    @Override
    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    @Override
    public Database parent() {
        return new DefaultDatabase(session, info().parent());
    }

    @Override
    public Snapshot snapshot(String snapshotName, CopyOptions options) {
        return database.snapshot(snapshotName, options);
    }

    @Override
    public Diff diff() {
        throw new NotSupportedException("diff of branch \"" + name + "\" is not supported yet: the diff engine "
                + "(foldout diff / apply) is still to be built");
    }
}
