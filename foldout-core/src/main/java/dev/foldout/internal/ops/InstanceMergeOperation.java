package dev.foldout.internal.ops;

import static dev.foldout.internal.sql.ReadSnapshots.prepared;

import dev.foldout.ConnectionUrl;
import dev.foldout.FoldoutException;
import dev.foldout.InstanceInfo;
import dev.foldout.InstanceState;
import dev.foldout.Locator;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResult;
import dev.foldout.NotSupportedException;
import dev.foldout.RefInfo;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.cluster.Failpoints;
import dev.foldout.internal.cluster.InstanceBases;
import dev.foldout.internal.cluster.InstanceCuts;
import dev.foldout.internal.cluster.InstanceSnapshots;
import dev.foldout.internal.cluster.Instances;
import dev.foldout.internal.sql.AdvisoryLocks;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges an instance branch (a cluster of its own) into its parent, a database of this server or another instance
 * branch. Its base is a snapshot of the branch's storage ({@link InstanceBases}); the merge starts a server on a copy
 * of it, reads base, branch and parent each through its own server (compared in full: the three clusters share no WAL
 * the locators could read together), and merges as a database branch's merge does, in one transaction on the parent.
 * A real merge first takes the branch's new base (journaled), records it once the parent committed and destroys the
 * old one; a refused or failed merge destroys the new one. The base's server is removed at the end, or by the next
 * call's repair when the process dies.
 */
final class InstanceMergeOperation {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceMergeOperation.class);
    /** "FoldIM": the namespace of the lock that keeps two merges of one instance branch apart. */
    private static final long LOCK_NAMESPACE = 0x466f6c64494dL;

    private InstanceMergeOperation() {
    }

    static MergeResult run(Session s, RefInfo ref, MergeOptions options) {
        String branch = ref.name();
        try (Connection c = s.openOwner()) {
            BaseStore.InstanceBase base = prepare(s, c, ref, "merge");
            ConnectionUrl branchUrl = Instances.url(s, branch).orElseThrow();
            Optional<ConnectionUrl> parentInstance = Instances.url(s, ref.parent());
            return locked(c, s, branch, () -> merge(s, c, ref, base, branchUrl, parentInstance, options));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "merging branch \"" + branch + "\"", s.connections().address());
        }
    }

    /**
     * The checks a merge or rebase ({@code verb}) of instance branch {@code ref} makes first, as a superuser, after
     * repairing what dead processes left: a parent that is not a snapshot, a base, the branch and an instance parent
     * running. Returns the base.
     */
    static BaseStore.InstanceBase prepare(Session s, Connection c, RefInfo ref, String verb) throws SQLException {
        String branch = ref.name();
        Privileges.requireSuperuser(c, verb + " of instance branch \"" + branch + "\"");
        Instances.repair(s);
        if (InstanceSnapshots.isInstanceSnapshot(s, ref.parent())) {
            throw new NotSupportedException("branch \"" + branch + "\" was made from snapshot \"" + ref.parent()
                    + "\", which never changes: nothing to " + verb + " - " + Fixes.diff(branch) + " shows its changes");
        }
        BaseStore.InstanceBase base = InstanceBases.find(c, branch).orElseThrow(() -> new NotSupportedException("instance branch \""
                + branch + "\" has no merge base (made with " + Fixes.NO_BASE + ", by an earlier Foldout, or by a backend that keeps no "
                + "snapshots): " + Fixes.diff(branch) + " and " + Fixes.APPLY + " make the parent equal to it instead"));
        requireRunning(s, branch);
        if (Instances.url(s, ref.parent()).isPresent()) {
            requireRunning(s, ref.parent());
        }
        return base;
    }

    /** Work done under a merge's lock. */
    interface Locked<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} holding the lock that keeps two merges or rebases of one instance branch apart. */
    static <T> T locked(Connection c, Session s, String branch, Locked<T> work) throws SQLException {
        long key = (LOCK_NAMESPACE << 16) ^ (branch.hashCode() & 0xFFFFFFFFL);
        AdvisoryLocks.acquire(c, key, s.config().terminateTimeout(), "instance branch \"" + branch
                + "\" is being merged or rebased by another Foldout process");
        try {
            return work.run();
        } finally {
            AdvisoryLocks.release(c, key);
        }
    }

    private static MergeResult merge(Session s, Connection c, RefInfo ref, BaseStore.InstanceBase base,
                                     ConnectionUrl branchUrl, Optional<ConnectionUrl> parentInstance, MergeOptions options)
            throws SQLException {
        String branch = ref.name();
        String parent = ref.parent();
        InstanceBases.Taken next = options.dryRun() ? null : InstanceBases.take(s, c, branch);
        Failpoints.at("instance-merge", "new base taken");
        MergeResult result;
        try (InstanceBases.Server server = InstanceBases.serve(s, c, branch, base.info())) {
            Failpoints.at("instance-merge", "base server started");
            MergeSides.Opener parentOpener = () -> parentInstance.isPresent() ? s.connections().open(parentInstance.get())
                    : s.connections().open(parent);
            Optional<java.nio.file.Path> parentDir = parentInstance.isPresent() ? Instances.dataDirectory(s, parent)
                    : s.dataDirectory();
            MergeSides sides = sides(s, ref, base, server, branchUrl, () -> prepared(s.connections().open(branchUrl)),
                    new Into("parent \"" + parent + "\"", parentDir, parentOpener));
            result = MergeRun.merge(s, c, new MergeRun.Target(branch, parent, parent, false), sides, options, null);
            Failpoints.at("instance-merge", "parent committed, base server running");
        } catch (SQLException | RuntimeException e) {
            if (next != null) {
                InstanceBases.discard(c, branch, next, e);
            }
            throw e;
        }
        if (next != null) {
            InstanceBases.record(c, branch, next, Optional.of(base.info()));
        }
        LOG.info("merged \"{}\" into \"{}\": {} rows, {} schema statements{}", branch, parent, result.rowsChanged(),
                result.schema().size(), options.dryRun() ? " (dry run)" : "");
        return result;
    }

    /**
     * Where an instance branch's changes are merged: its parent, or a fresh copy of it (a rebase).
     *
     * @param label   how the diffs name it
     * @param dataDir its cluster's data directory
     * @param open    opens a plain connection to its database
     */
    record Into(String label, Optional<java.nio.file.Path> dataDir, MergeSides.Opener open) {
    }

    /**
     * The sides of instance branch {@code ref}'s merge into {@code into}, through {@code server} on its base: the
     * base-to-branch diff located from the base's cut, the base-to-target diff from the branch's own cut (the target
     * descends from the parent's files at it, as the base does from the branch's).
     */
    static MergeSides sides(Session s, RefInfo ref, BaseStore.InstanceBase base, InstanceBases.Server server,
                            ConnectionUrl branchUrl, MergeSides.Opener branchRead, Into into) {
        String branch = ref.name();
        InstanceInfo info = Instances.findUnsized(s, branch).orElseThrow();
        MergeSides.CutMaker branchCut = opened -> InstanceCuts.ofBase(base, Locator.AUTO, baseSide(s, branch, server, opened),
                new InstanceCuts.Side("branch \"" + branch + "\"", Optional.of(info.dataDirectory()),
                        // its maintenance database: a rebase closes the branch's own to sessions
                        () -> held(opened, s.connections().open(branchUrl.withDatabase("postgres")))));
        MergeSides.CutMaker driftCut = opened -> InstanceCuts.ofBranch(s, info, Locator.AUTO,
                baseSide(s, branch, server, opened), new InstanceCuts.Side(into.label(), into.dataDir(),
                        () -> held(opened, into.open().open())));
        return new MergeSides(base.info().database(), () -> prepared(s.connections().open(server.url())), branchRead,
                () -> prepared(into.open().open()), into.open(), Optional.empty(), Optional.empty(), Optional.of(branchCut),
                Optional.of(driftCut), "");
    }

    private static InstanceCuts.Side baseSide(Session s, String branch, InstanceBases.Server server,
                                              java.util.List<Connection> opened) {
        return new InstanceCuts.Side("the merge base of \"" + branch + "\"", Optional.of(server.dataDirectory()),
                () -> held(opened, s.connections().open(server.url())));
    }

    private static Connection held(java.util.List<Connection> opened, Connection c) {
        opened.add(c);
        return c;
    }

    /** Refuses an instance branch whose server is not running, naming the command that starts it. */
    private static void requireRunning(Session s, String name) {
        InstanceState state = Instances.findUnsized(s, name).map(InstanceInfo::state).orElse(InstanceState.MISSING);
        if (state != InstanceState.RUNNING) {
            throw new FoldoutException("instance branch \"" + name + "\" is " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + ", not running: " + (state == InstanceState.STOPPED ? Fixes.start(name) + ", then merge again"
                    : Fixes.REPAIR + " shows it"));
        }
    }
}
