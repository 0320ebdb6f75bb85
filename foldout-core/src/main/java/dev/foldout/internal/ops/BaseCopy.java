package dev.foldout.internal.ops;

import dev.foldout.CopyOptions;
import dev.foldout.RefKind;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.spi.BranchBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * The hidden databases that hold branches' merge bases: which copies get one, their names, and their clean-up. A
 * base is made by the same backend as its branch, in the same lock, so where the branch is a clone it is one too.
 */
final class BaseCopy {
    /** The backends whose branches are databases of the parent's cluster, the ones a base serves. */
    static final Set<String> DATABASE_BACKENDS = Set.of("template", "reflink");

    private BaseCopy() {
    }

    /**
     * Whether a copy gets a merge base: a branch (not a snapshot) of a database (not of a snapshot), made by a database
     * backend, unless the options opt out.
     */
    static boolean wanted(Connection c, RefKind kind, String source, BranchBackend backend, CopyOptions options)
            throws SQLException {
        if (kind != RefKind.BRANCH || !options.base() || !DATABASE_BACKENDS.contains(backend.name())) {
            return false;
        }
        return RefStore.find(c, source).map(r -> r.kind() != RefKind.SNAPSHOT).orElse(true);
    }

    /** A fresh name for a base ({@link BaseStore#newName}). */
    static String newName() {
        return BaseStore.newName(BaseStore.PREFIX);
    }

    /** Drops base {@code name} if it exists (null: nothing); a failure is added to {@code cause}. */
    static void dropQuietly(Connection c, String name, Exception cause) {
        if (name == null) {
            return;
        }
        try {
            if (c.getAutoCommit()) {
                ClusterDatabases.dropIfExists(c, name, true);
            }
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Gives base {@code name} to {@code owner} (the branch's owner) when another role made it. */
    static void giveTo(Connection c, String name, String owner) throws SQLException {
        if (!ClusterDatabases.find(c, name).orElseThrow().owner().equals(owner)) {
            dev.foldout.internal.sql.Jdbc.execute(c, "alter database " + dev.foldout.Identifiers.quote(name)
                    + " owner to " + dev.foldout.Identifiers.quote(owner));
        }
    }
}
