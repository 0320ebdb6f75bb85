package dev.foldout.internal;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Database;
import dev.foldout.DatabaseInfo;
import dev.foldout.NotFoundException;
import dev.foldout.RefKind;
import dev.foldout.Snapshot;
import dev.foldout.internal.cluster.InstanceBackends;
import dev.foldout.internal.cluster.Instances;
import dev.foldout.internal.ops.CopyOperation;
import dev.foldout.internal.ops.DropOperation;
import dev.foldout.internal.ops.RestoreOperation;
import java.sql.Connection;

/** A database handle: a name and the session; the verbs do the I/O. */
final class DefaultDatabase implements Database {
    private final Session session;
    private final String name;

    DefaultDatabase(Session session, String name) {
        this.session = session;
        this.name = Names.requireLookup("database", name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DatabaseInfo info() {
        return DatabaseList.find(session, name).orElseThrow(() -> new NotFoundException("database \"" + name
                + "\" does not exist on " + session.connections().address() + " - " + Fixes.DATABASES + " shows the databases there"));
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
    public Snapshot snapshot(String snapshotName, CopyOptions options) {
        CopyOperation.run(session, RefKind.SNAPSHOT, name, snapshotName, options);
        return new DefaultSnapshot(session, snapshotName);
    }

    @Override
    public Branch branch(String branchName, CopyOptions options) {
        String backend = options.backend().isEmpty() ? session.config().backend() : options.backend();
        if (InstanceBackends.isInstanceBackend(backend)) {
            Instances.create(session, name, branchName, options, backend);
            return new DefaultBranch(session, branchName);
        }
        CopyOperation.run(session, RefKind.BRANCH, name, branchName, options);
        return new DefaultBranch(session, branchName);
    }

    @Override
    public void restore(String snapshotName, CopyOptions options) {
        RestoreOperation.run(session, name, snapshotName, options);
    }

    @Override
    public void drop(boolean force) {
        DropOperation.dropDatabase(session, name, force);
    }

    @Override
    public String toString() {
        return "Database[" + name + "]";
    }
}
