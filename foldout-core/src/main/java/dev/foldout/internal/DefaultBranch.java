package dev.foldout.internal;

import dev.foldout.Branch;
import dev.foldout.ConnectionUrl;
import dev.foldout.CopyOptions;
import dev.foldout.Database;
import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.InstanceInfo;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResult;
import dev.foldout.NotSupportedException;
import dev.foldout.RefKind;
import dev.foldout.Snapshot;
import dev.foldout.internal.cluster.InstanceBackends;
import dev.foldout.internal.cluster.InstanceSnapshots;
import dev.foldout.internal.cluster.Instances;
import java.sql.Connection;
import java.util.Optional;

/**
 * A branch handle. A database branch connects and snapshots through its database handle; an instance branch (a
 * cluster of its own) connects to its own server and is started, stopped, branched and deleted through
 * {@link Instances}.
 */
final class DefaultBranch extends RefHandle implements Branch {
    private final DefaultDatabase database;

    DefaultBranch(Session session, String name) {
        super(session, name, RefKind.BRANCH);
        this.database = new DefaultDatabase(session, name);
    }

    private Optional<ConnectionUrl> instanceUrl() {
        return Instances.url(session, name);
    }

    @Override
    public Connection open() {
        return instanceUrl().map(u -> session.connections().open(u)).orElseGet(database::open);
    }

    @Override
    public String jdbcUrl() {
        return instanceUrl().map(ConnectionUrl::jdbcUrl).orElseGet(database::jdbcUrl);
    }

    @Override
    public Database parent() {
        return new DefaultDatabase(session, info().parent());
    }

    @Override
    public Optional<InstanceInfo> instance() {
        return Instances.find(session, name);
    }

    @Override
    public void start() {
        requireInstance("started");
        Instances.start(session, name);
    }

    @Override
    public void stop() {
        requireInstance("stopped");
        Instances.stop(session, name);
    }

    @Override
    public Branch branch(String branchName, CopyOptions options) {
        Optional<InstanceInfo> self = instance();
        if (self.isEmpty()) {
            return database.branch(branchName, options);
        }
        String backend = options.backend().isEmpty() ? self.get().backend() : options.backend();
        if (!InstanceBackends.isInstanceBackend(backend)) {
            throw new NotSupportedException("branch \"" + name + "\" is a cluster of its own (backend " + self.get().backend()
                    + "): branch it with an instance backend such as " + self.get().backend() + ", not " + backend);
        }
        Instances.create(session, name, branchName, options, backend);
        return new DefaultBranch(session, branchName);
    }

    @Override
    public Snapshot snapshot(String snapshotName, CopyOptions options) {
        if (instance().isPresent()) {
            InstanceSnapshots.create(session, name, snapshotName, options);
            return new DefaultSnapshot(session, snapshotName);
        }
        return database.snapshot(snapshotName, options);
    }

    @Override
    public void delete(boolean force) {
        if (instance().isPresent()) {
            Instances.delete(session, name, force);
        } else {
            session.rewinds().forget(name);
            super.delete(force);
        }
    }

    @Override
    public Diff diff(DiffOptions options) {
        return BranchDiff.of(session, name, options, null, DiffFormat.SQL);
    }

    @Override
    public Diff writeDiff(Appendable out, DiffFormat format, DiffOptions options) {
        return BranchDiff.of(session, name, options, java.util.Objects.requireNonNull(out, "out"), format);
    }

    private void requireInstance(String verb) {
        if (instance().isEmpty()) {
            throw new NotSupportedException("branch \"" + name + "\" is a database in the parent's cluster: it has no server "
                    + "of its own to be " + verb + "; only instance branches (backend zfs, reflink-cluster) have one");
        }
    }

    @Override
    public MergeResult merge(MergeOptions options) {
        return dev.foldout.internal.ops.MergeOperation.run(session, name, java.util.Objects.requireNonNull(options, "options"));
    }

    @Override
    public MergeResult rebase(MergeOptions options) {
        return dev.foldout.internal.ops.RebuildOperation.rebase(session, name, java.util.Objects.requireNonNull(options, "options"));
    }

    @Override
    public boolean discardChanges(long maxRows) {
        return instance().isEmpty() && DiscardChanges.run(session, name, maxRows, null);
    }

    @Override
    public boolean discardChanges(long maxRows, java.sql.Connection kept) {
        java.util.Objects.requireNonNull(kept, "session");
        return instance().isEmpty() && DiscardChanges.run(session, name, maxRows, kept);
    }

    @Override
    public void reset(boolean force) {
        if (instance().isPresent()) {
            Instances.reset(session, name, force);
        } else {
            dev.foldout.internal.ops.RebuildOperation.reset(session, name, force);
        }
    }
}
