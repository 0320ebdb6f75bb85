package dev.foldout.internal;

import dev.foldout.ApplyOptions;
import dev.foldout.ApplyResult;
import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;

import dev.foldout.BackendStatus;
import dev.foldout.Branch;
import dev.foldout.Database;
import dev.foldout.DatabaseInfo;
import dev.foldout.Foldout;
import dev.foldout.InstanceInfo;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.ServerInfo;
import dev.foldout.Snapshot;
import dev.foldout.internal.cluster.Instances;
import dev.foldout.internal.ops.OperationContext;
import dev.foldout.internal.ops.Preconditions;
import dev.foldout.Identifiers;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@link Foldout} of {@code foldout-core}. */
final class DefaultFoldout implements Foldout {
    private final Session session;

    DefaultFoldout(Session session) {
        this.session = session;
    }

    @Override
    public ServerInfo server() {
        return session.server();
    }

    @Override
    public Database defaultDatabase() {
        return new DefaultDatabase(session, session.connections().url().database());
    }

    @Override
    public List<DatabaseInfo> databases() {
        return DatabaseList.all(session);
    }

    @Override
    public Database getDatabase(String name) {
        DefaultDatabase db = new DefaultDatabase(session, name);
        db.info();
        return db;
    }

    @Override
    public Optional<Database> findDatabase(String name) {
        try {
            return Optional.of(getDatabase(name));
        } catch (dev.foldout.NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Database createDatabase(String name) {
        try (Connection c = session.openOwner()) {
            Preconditions.freeName(c, "database", name, session.connections().address());
            Jdbc.execute(c, "create database " + Identifiers.quote(name));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "creating database \"" + name + "\"", session.connections().address());
        }
        return new DefaultDatabase(session, name);
    }

    @Override
    public List<RefInfo> snapshots() {
        return Refs.list(session, RefKind.SNAPSHOT);
    }

    @Override
    public List<RefInfo> branches() {
        return Refs.list(session, RefKind.BRANCH);
    }

    @Override
    public Optional<Snapshot> findSnapshot(String name) {
        return Refs.find(session, RefKind.SNAPSHOT, name).map(r -> new DefaultSnapshot(session, r.name()));
    }

    @Override
    public Optional<Branch> findBranch(String name) {
        return Refs.find(session, RefKind.BRANCH, name).map(r -> new DefaultBranch(session, r.name()));
    }

    @Override
    public Snapshot getSnapshot(String name) {
        return findSnapshot(name).orElseThrow(() -> Refs.notFound(RefKind.SNAPSHOT, name));
    }

    @Override
    public Branch getBranch(String name) {
        return findBranch(name).orElseThrow(() -> Refs.notFound(RefKind.BRANCH, name));
    }

    @Override
    public List<String> repair(boolean removeOrphanedFiles) {
        return Repairs.all(session, removeOrphanedFiles);
    }

    @Override
    public List<InstanceInfo> instances() {
        return Instances.list(session);
    }

    @Override
    public List<BackendStatus> instanceBackends() {
        return Instances.backendStatuses(session);
    }

    @Override
    public List<String> storageHealth() {
        return Instances.health();
    }

    @Override
    public List<BackendStatus> backends() {
        return session.read("checking backends", c -> session.backends().statuses(
                new OperationContext(c, session.server(), session.dataDirectory(), session.progress())));
    }

    @Override
    public Diff diff(String left, String right, DiffOptions options) {
        return DatabasesDiff.between(session, left, right, options, null, DiffFormat.SQL);
    }

    @Override
    public Diff writeDiff(String left, String right, Appendable out, DiffFormat format, DiffOptions options) {
        return DatabasesDiff.between(session, left, right, options, java.util.Objects.requireNonNull(out, "out"), format);
    }

    @Override
    public ApplyResult apply(java.io.Reader diffSql, ApplyOptions options) {
        return DiffApply.apply(session, diffSql, "file", options);
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "Foldout[" + session.connections().url() + "]";
    }
}
