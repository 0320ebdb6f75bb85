package dev.foldout.internal.ops;

import dev.foldout.FoldoutException;
import dev.foldout.NameConflictException;
import dev.foldout.NotFoundException;
import dev.foldout.RefInfo;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Names;
import dev.foldout.internal.catalog.CatalogDatabase;
import dev.foldout.internal.catalog.RefStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checks every operation makes before it changes anything, with messages that name the fix. */
public final class Preconditions {
    private static final Logger LOG = LoggerFactory.getLogger(Preconditions.class);

    private Preconditions() {
    }

    /** The existing database {@code name}, which must not be Foldout's catalog or a template. */
    /**
     * The database as it is now that its advisory lock is held: its {@code datallowconn} is read only under the lock,
     * because an operation that held it before may have switched connections off for a while. Refused if another
     * operation replaced or dropped it while this one waited.
     */
    static ClusterDatabases.Row underLock(Connection c, ClusterDatabases.Row seen) throws SQLException {
        Optional<ClusterDatabases.Row> now = ClusterDatabases.find(c, seen.name());
        if (now.isEmpty() || now.get().oid() != seen.oid()) {
            throw new FoldoutException("database \"" + seen.name() + "\" was " + (now.isEmpty() ? "dropped" : "replaced")
                    + " by another operation while this one waited for it - check it, then try again");
        }
        return now.get();
    }

    static ClusterDatabases.Row existingDatabase(Connection c, String name, String address) throws SQLException {
        Names.requireLookup("database", name);
        if (name.equals(CatalogDatabase.NAME)) {
            throw new FoldoutException("database \"" + name + "\" is Foldout's own catalog: it cannot be snapshotted, "
                    + "branched, restored or dropped through Foldout");
        }
        Optional<ClusterDatabases.Row> row = ClusterDatabases.find(c, name);
        if (row.isEmpty()) {
            throw new NotFoundException("database \"" + name + "\" does not exist on " + address
                    + " - " + Fixes.DATABASES + " shows the databases there");
        }
        if (name.equals("template0") || name.equals("template1")) {
            throw new FoldoutException("database \"" + name + "\" is a system template: snapshot a database of your own");
        }
        return row.get();
    }

    /** Checks that a new {@code kind} named {@code name} collides with no database and no catalog entry. */
    public static void freeName(Connection c, String kind, String name, String address) throws SQLException {
        Names.requireNew(kind, name);
        if (ClusterDatabases.exists(c, name)) {
            throw new NameConflictException("cannot create " + kind + " \"" + name + "\": a database of that name already "
                    + "exists on " + address + " - choose another name");
        }
        Optional<RefInfo> ref = RefStore.find(c, name);
        if (ref.isPresent() && ref.get().status() == dev.foldout.RefStatus.MISSING && RefStore.mayActAsAuthor(c, name)
                && dev.foldout.internal.catalog.Journal.liveOwnersOf(c, name).isEmpty()) {
            // its database is gone (a delete cut short between dropping it and removing the entry, or a DROP DATABASE):
            // the entry only blocks the name, and its author (or a role that may act as it) is the one asking
            DropOperation.dropBase(c, name);
            RefStore.delete(c, name);
            LOG.info("removed the catalog entry of {} \"{}\", whose database no longer exists", ref.get().kind()
                    .name().toLowerCase(java.util.Locale.ROOT), name);
            ref = Optional.empty();
        }
        if (ref.isPresent()) {
            throw new NameConflictException("cannot create " + kind + " \"" + name + "\": the catalog already has a "
                    + ref.get().kind().name().toLowerCase(java.util.Locale.ROOT) + " of that name (" + ref.get().status()
                    + ") - choose another name or delete that one first");
        }
    }
}
