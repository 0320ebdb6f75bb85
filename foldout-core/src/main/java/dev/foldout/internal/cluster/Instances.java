package dev.foldout.internal.cluster;

import dev.foldout.BackendStatus;
import dev.foldout.ConnectionUrl;
import dev.foldout.CopyOptions;
import dev.foldout.FoldoutException;
import dev.foldout.InstanceInfo;
import dev.foldout.InstanceState;
import dev.foldout.Lsn;
import dev.foldout.NotFoundException;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Session;
import dev.foldout.internal.ops.Privileges;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.spi.ClusterSource;
import dev.foldout.spi.CutSnapshot;
import dev.foldout.spi.InstanceBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instance branches of a session: made, listed, started, stopped and deleted. What the branch handles and
 * {@link dev.foldout.Foldout#instances()} call. The catalog table {@code foldout.instances} holds each branch's data
 * directory ({@code data_dir}) and the parent's WAL position at the cut ({@code cut_lsn}); {@link #find} returns both.
 */
public final class Instances {
    private Instances() {
    }

    /** Makes instance branch {@code name} of {@code parent} (a database of the server, or an instance branch). */
    public static InstanceInfo create(Session s, String parent, String name, CopyOptions options, String backend) {
        return InstanceBranchOperation.run(s, parent, name, options, backend);
    }

    /**
     * Makes instance branch {@code name} a fresh copy of its parent's current state, on the same port (so the same
     * URL) unless something else took it meanwhile; {@code force} ends its sessions.
     */
    public static InstanceInfo reset(Session s, String name, boolean force) {
        return InstanceResetOperation.run(s, name, force);
    }

    /** The instance branch of that name, with its state checked now; empty if the catalog has none. */
    public static Optional<InstanceInfo> find(Session s, String name) {
        return s.read("reading the catalog", c -> InstanceStore.find(c, name)).map(row -> info(s, row));
    }

    /**
     * The instance branch of that name with its state checked now but its size not measured (reported as 0): for a
     * caller that does not show it, such as the diff, which would otherwise walk the branch's files on every call.
     */
    public static Optional<InstanceInfo> findUnsized(Session s, String name) {
        return s.read("reading the catalog", c -> InstanceStore.find(c, name)).map(row -> info(s, row, false));
    }

    /** The data directory of instance branch {@code name}, if the catalog has one whose entry Foldout may act on. */
    public static Optional<Path> dataDirectory(Session s, String name) {
        return s.read("reading the catalog", c -> InstanceStore.find(c, name))
                .filter(InstanceRow::trusted).map(InstanceRow::dataDir);
    }

    /** Where to connect to instance branch {@code name}; empty if it is not an instance branch. */
    public static Optional<ConnectionUrl> url(Session s, String name) {
        return s.read("reading the catalog", c -> InstanceStore.find(c, name)).map(row -> url(s, row));
    }

    /**
     * Repairs what dead Foldout processes left half-done: journaled database copies and restores, instance branches and
     * their snapshots. Returns one line per repair.
     */
    public static List<String> repair(Session s) {
        try (Connection c = s.openOwner()) {
            List<String> out = new ArrayList<>(dev.foldout.internal.ops.Recovery.repair(s, c));
            out.addAll(InstanceRecovery.repair(s, c));
            return out;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "repairing what interrupted operations left", s.connections().address());
        }
    }

    /** Every instance branch, after repairing what dead processes left, with states checked now. */
    public static List<InstanceInfo> list(Session s) {
        try (Connection c = s.openOwner()) {
            InstanceRecovery.repair(s, c);
            List<InstanceInfo> out = new ArrayList<>();
            for (InstanceRow row : InstanceStore.all(c)) {
                out.add(info(s, row));
            }
            return out;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "listing instance branches", s.connections().address());
        }
    }

    /** Starts the branch's server if it is stopped; a port taken meanwhile is replaced by another. */
    public static InstanceInfo start(Session s, String name) {
        try (Connection c = s.openOwner()) {
            Privileges.requireSuperuser(c, "starting instance branch \"" + name + "\"");
            InstanceRecovery.repair(s, c);
            InstanceRow row = requireReady(c, name);
            if (!ClusterServer.of(row).running()) {
                InstanceBackend backend = InstanceBackends.require(row.backend());
                if (!backend.exists(row.location())) {
                    throw new NotFoundException("branch \"" + name + "\" has no files any more (" + row.location()
                            + " is gone): delete it with " + Fixes.deleteBranch(name) );
                }
                InstanceBranchOperation.startOnFreePort(s, c, row, s.progress());
            }
            return info(s, InstanceStore.find(c, name).orElseThrow());
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "starting branch \"" + name + "\"", s.connections().address());
        }
    }

    /** Stops the branch's server if it runs (fast shutdown). */
    public static void stop(Session s, String name) {
        try (Connection c = s.openOwner()) {
            Privileges.requireSuperuser(c, "stopping instance branch \"" + name + "\"");
            ClusterServer.of(requireReady(c, name)).stop();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "stopping branch \"" + name + "\"", s.connections().address());
        }
    }

    /** Deletes the branch (see {@link InstanceDeleteOperation}). */
    public static void delete(Session s, String name, boolean force) {
        InstanceDeleteOperation.run(s, name, force);
    }

    /** Whether each instance backend can copy the session's cluster. */
    public static List<BackendStatus> backendStatuses(Session s) {
        List<BackendStatus> out = new ArrayList<>();
        Optional<Path> dataDir = s.dataDirectory();
        try (Connection c = s.openOwner()) {
            Optional<String> missing = InstancePrerequisites.problem(c, dataDir);
            ClusterSource source = missing.isPresent() ? null : ClusterSource.of(dataDir.orElseThrow(), c, s.progress());
            for (InstanceBackend b : InstanceBackends.all()) {
                out.add(missing.isPresent() ? new BackendStatus(b.name(), false, missing.get()) : b.status(source));
            }
            return out;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "checking the instance backends", s.connections().address());
        }
    }

    /** The health lines of every instance backend on the class path. */
    public static List<String> health() {
        List<String> out = new ArrayList<>();
        for (InstanceBackend b : InstanceBackends.all()) {
            out.addAll(b.health());
        }
        return out;
    }

    /**
     * The parent's transactions at the cut of instance branch {@code name}, as its catalog row records them; empty
     * for a row made before they were recorded, or by a backend that does not take them.
     */
    public static Optional<CutSnapshot> cutSnapshot(Session s, String name) {
        return s.read("reading the catalog", c -> InstanceStore.cutSnapshot(c, name));
    }

    static InstanceRow require(Connection c, String name) throws SQLException {
        return InstanceStore.find(c, name).orElseThrow(() -> new NotFoundException("no instance branch named \"" + name
                + "\" - " + Fixes.REPAIR + " shows them"));
    }

    static InstanceRow requireReady(Connection c, String name) throws SQLException {
        InstanceRow row = require(c, name);
        if (row.state() != InstanceRow.State.READY) {
            throw new FoldoutException("branch \"" + name + "\" is " + row.state().name().toLowerCase(java.util.Locale.ROOT)
                    + " - " + Fixes.REPAIR + " shows it");
        }
        return row;
    }

    static ConnectionUrl url(Session s, InstanceRow row) {
        return s.connections().at(host(row), row.port(), row.database());
    }

    /** Where to reach a branch's server from this host: its address, or loopback for a wildcard. */
    private static String host(InstanceRow row) {
        String a = row.listenAddress();
        return a.equals("*") || a.equals("0.0.0.0") ? "127.0.0.1" : a.equals("::") ? "::1" : a;
    }

    static InstanceInfo info(Session s, InstanceRow row) {
        return info(s, row, true);
    }

    private static InstanceInfo info(Session s, InstanceRow row, boolean sized) {
        Optional<InstanceBackend> backend = InstanceBackends.find(row.backend());
        InstanceState state;
        long size = 0;
        if (!row.trusted()) {
            state = InstanceState.UNTRUSTED;
        } else if (row.state() == InstanceRow.State.CREATING) {
            state = InstanceState.CREATING;
        } else if (row.state() == InstanceRow.State.DELETING) {
            state = InstanceState.DELETING;
        } else if (backend.isPresent() && !backend.get().exists(row.location())) {
            state = InstanceState.MISSING;
        } else {
            state = row.dataDir() != null && ClusterServer.of(row).running() ? InstanceState.RUNNING : InstanceState.STOPPED;
            size = sized ? backend.map(b -> b.sizeBytes(row.location())).orElse(0L) : 0;
        }
        return new InstanceInfo(row.name(), row.backend(), row.parent(), row.database(), state, host(row), row.port(), size,
                row.createdAt(), row.cutLsn() == null ? new Lsn(0) : row.cutLsn(),
                row.dataDir() == null ? Path.of("") : row.dataDir(), row.location());
    }
}
