package dev.foldout.internal.backend.reflink;

import dev.foldout.internal.cow.DatabaseDirectories;
import dev.foldout.internal.cow.Ficlone;
import dev.foldout.internal.cow.TreeClone;
import dev.foldout.internal.cow.Trees;
import dev.foldout.internal.cow.Phases;
import dev.foldout.FoldoutException;
import dev.foldout.internal.ops.ClusterDatabases;
import dev.foldout.Identifiers;
import dev.foldout.internal.sql.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transaction of {@link ReflinkBackend}: lock the source as CREATE DATABASE locks its template, CHECKPOINT,
 * replace the target's files by clones of the source's, fill in the target's catalog entries, allow connections.
 */
final class DatabaseClone {
    private DatabaseClone() {
    }

    /** Clones {@code source}'s files into the new, empty, closed database {@code target}; commits. */
    static TreeClone.Result run(Connection c, Path dataDir, int major, ClusterDatabases.Row source, String target, Phases phases)
            throws SQLException {
        long targetOid = ClusterDatabases.find(c, target).orElseThrow(() -> new SQLException(
                "database \"" + target + "\" vanished right after it was made")).oid();
        c.setAutoCommit(false);
        try {
            lockSource(c, source);
            phases.done("lock");
            Jdbc.execute(c, "checkpoint");
            phases.done("checkpoint");
            List<Path> cloned = new ArrayList<>();
            int files = 0;
            long bytes = 0;
            for (DatabaseDirectories.Pair p : DatabaseDirectories.of(c, dataDir, major, source.oid(), targetOid)) {
                TreeClone.Result r = cloneDirectory(p);
                files += r.files();
                bytes += r.bytes();
                cloned.addAll(r.cloned());
            }
            phases.done("clone");
            Ficlone.syncFileSystem(dataDir);
            phases.done("syncfs");
            DatabaseEntry.inherit(c, source.oid(), targetOid);
            ClusterDatabases.allowConnections(c, target, true);
            c.commit();
            phases.done("catalog");
            return new TreeClone.Result(files, bytes, cloned);
        } finally {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * Takes the exclusive lock on the source database object until commit, as {@code ALTER DATABASE ... RENAME} does:
     * it ends autovacuum workers there and waits for them, and no session can start in it until the commit.
     * The name is put back at once, in the same transaction, so nobody ever sees it change.
     */
    private static void lockSource(Connection c, ClusterDatabases.Row source) throws SQLException {
        String aside = "foldout_lock_" + source.oid() + "_" + ProcessHandle.current().pid();
        Jdbc.execute(c, "alter database " + Identifiers.quote(source.name()) + " rename to " + Identifiers.quote(aside));
        Jdbc.execute(c, "alter database " + Identifiers.quote(aside) + " rename to " + Identifiers.quote(source.name()));
    }

    private static TreeClone.Result cloneDirectory(DatabaseDirectories.Pair p) {
        try {
            if (Files.isDirectory(p.target())) {
                Trees.delete(p.target(), true); // template0's files, never used: nobody could connect
            }
            return TreeClone.cloneTree(p.source(), p.target(), (rel, attrs) -> {
                String name = rel.getFileName().toString();
                return name.equals("pg_internal.init") || name.startsWith("pgsql_tmp") ? TreeClone.Action.SKIP
                        : TreeClone.Action.CLONE;
            });
        } catch (IOException e) {
            throw new FoldoutException("cannot clone " + p.source() + " to " + p.target() + ": " + e
                    + " - check the permissions and free space of the data directory", e);
        }
    }
}
