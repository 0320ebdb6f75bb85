package dev.foldout.internal;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Database;
import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
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
    public Diff diff(DiffOptions options) {
        return DiffService.ofBranch(session, name, options, null, DiffFormat.SQL);
    }

    @Override
    public Diff writeDiff(Appendable out, DiffFormat format, DiffOptions options) {
        return DiffService.ofBranch(session, name, options, java.util.Objects.requireNonNull(out, "out"), format);
    }
}
