package dev.foldout.internal.ops;

import dev.foldout.DatabaseInUseException;
import dev.foldout.NotFoundException;
import dev.foldout.PermissionDeniedException;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.SessionInfo;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes snapshots, branches and databases: the database is dropped first, then the catalog entry. */
public final class DropOperation {
    private static final Logger LOG = LoggerFactory.getLogger(DropOperation.class);

    private DropOperation() {
    }

    /** Deletes the snapshot or branch {@code name}; with force, terminates the sessions connected to it. */
    public static void deleteRef(Session s, RefKind kind, String name, boolean force) {
        String noun = kind.name().toLowerCase(Locale.ROOT);
        String address = s.connections().address();
        try (Connection c = s.openOwner()) {
            Recovery.repair(s, c);
            Optional<RefInfo> ref = RefStore.find(c, name);
            if (ref.isEmpty() || ref.get().kind() != kind) {
                throw new NotFoundException("no " + noun + " named \"" + name + "\" - " + (kind == RefKind.BRANCH ? Fixes.BRANCHES : Fixes.SNAPSHOTS)
                        + " shows them");
            }
            if (ref.get().status() == RefStatus.UNTRUSTED) {
                String why = RefStore.untrusted(c, name).orElse("it is not the one Foldout made");
                RefStore.delete(c, name);
                throw new PermissionDeniedException(noun + " \"" + name + "\" is untrusted: " + why + "; nothing was dropped "
                        + "and the entry was removed from the catalog - if the database is yours to drop, use DROP DATABASE");
            }
            if (ref.get().status() == RefStatus.OK) {
                dropLocked(s, c, name, force);
            } else if (ref.get().status() == RefStatus.REPLACED) {
                LOG.warn("{} \"{}\": a database of that name exists but is not the one Foldout made; it is left alone", noun, name);
            }
            dropBase(c, name);
            RefStore.delete(c, name);
            LOG.info("deleted {} \"{}\"", noun, name);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "deleting " + noun + " \"" + name + "\"", address);
        }
    }

    /** Drops a database (and its catalog entry, if Foldout made it); with force, terminates its sessions. */
    public static void dropDatabase(Session s, String name, boolean force) {
        String address = s.connections().address();
        try (Connection c = s.openOwner()) {
            Recovery.repair(s, c);
            dropLocked(s, c, name, force);
            RefStore.delete(c, name);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "dropping database \"" + name + "\"", address);
        }
    }

    private static void dropLocked(Session s, Connection c, String name, boolean force) throws SQLException {
        ClusterDatabases.Row row = Preconditions.existingDatabase(c, name, s.connections().address());
        Privileges.requireOwner(c, row);
        try (AdvisoryLock ignored = AdvisoryLock.acquire(c, name, row.oid(), s.config().terminateTimeout())) {
            List<SessionInfo> sessions = ClusterDatabases.sessions(c, name);
            if (!sessions.isEmpty() && !force) {
                throw new DatabaseInUseException(name, sessions, "disconnect them, or run again with force (delete(true), drop(true)) to terminate them");
            }
            s.progress().step("dropping \"" + name + "\"");
            ClusterDatabases.dropIfExists(c, name, force);
        }
    }

    /** Drops the merge base of branch {@code name} with it, when the base is still the database Foldout made. */
    /** Drops the hidden merge base of entry {@code name}, if it has one. */
    static void dropBase(Connection c, String name) throws SQLException {
        Optional<BaseStore.Base> base = BaseStore.find(c, name);
        if (base.isPresent()) {
            ClusterDatabases.dropIfExists(c, base.get().info().database(), true);
        }
    }
}
