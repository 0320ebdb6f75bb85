package dev.foldout.internal.cluster;

import dev.foldout.ConnectionUrl;
import dev.foldout.CopyMethod;
import dev.foldout.CopyReport;
import dev.foldout.FoldoutException;
import dev.foldout.Lsn;
import dev.foldout.MergeBase;
import dev.foldout.NotSupportedException;
import dev.foldout.ProgressListener;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.internal.sql.Transactions;
import dev.foldout.spi.ClusterSource;
import dev.foldout.spi.CutSnapshot;
import dev.foldout.spi.InstanceBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merge bases of instance branches. A base is a snapshot of the branch's own storage, kept by its backend (a zfs
 * snapshot, a reflink clone): taken right after the branch's server first started, before anyone could connect (the
 * parent's state at the cut), and again of the branch at each merge. It is recorded in the branch's catalog entry,
 * never listed as a snapshot, and goes with the branch. A merge reads it through a server of its own, started on a
 * copy of the snapshot for the time of the merge ({@link #serve}).
 */
public final class InstanceBases {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceBases.class);
    /** The prefix of the temporary servers a merge reads a base through. */
    static final String SERVER_PREFIX = "foldout_mergebase_";

    private InstanceBases() {
    }

    /** A base snapshot taken and not yet recorded; {@code operation} is its journal entry (0: none). */
    public record Taken(BaseStore.InstanceBase base, long operation) {
    }

    /** The base of instance branch {@code branch}, if it has one. */
    public static Optional<BaseStore.InstanceBase> find(Connection c, String branch) throws SQLException {
        return BaseStore.findInstance(c, branch);
    }

    /**
     * Takes the first base of a branch that is being made (its row still CREATING: a process that dies here leaves a
     * row whose repair destroys the branch's storage, snapshots included). Empty when the backend keeps no snapshots.
     */
    static Optional<BaseStore.InstanceBase> takeFirst(Session s, InstanceBackend backend, InstanceRow row, ProgressListener progress) {
        String name = newName();
        progress.step("keeping the merge base of \"" + row.name() + "\" (a snapshot of its cluster)");
        try {
            return Optional.of(snapshot(s, backend, row, name, MergeBase.Layout.PARENT, progress));
        } catch (NotSupportedException e) {
            LOG.info("branch \"{}\" keeps no merge base: {}", row.name(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Takes a new base of running instance branch {@code branch} (a merge's), journaled until recorded or dropped. */
    public static Taken take(Session s, Connection c, String branch) throws SQLException {
        InstanceRow row = Instances.requireReady(c, branch).requireTrusted();
        InstanceBackend backend = InstanceBackends.require(row.backend());
        String name = newName();
        Operation op = Journal.begin(c, new Operation(0, Operation.Kind.INSTANCE_SNAPSHOT, branch, name, null, null, null, null));
        try {
            return new Taken(snapshot(s, backend, row, name, MergeBase.Layout.BRANCH, s.progress()), op.id());
        } catch (RuntimeException e) {
            InstanceBackends.destroySnapshot(backend, row.location(), name);
            Journal.finish(c, op.id());
            throw e;
        }
    }

    /**
     * Snapshots the branch's storage, and with it what a merge's page scan of the branch against the base needs (see
     * {@link dev.foldout.internal.diff.locate.InstancePageScan}): the instant before (no page written past the
     * snapshot's LSN reached a file earlier), and the transactions that may have ended differently on the two sides,
     * {@code [xmin before, next after)}: every ID below the first snapshot's xmin had ended before the backend read the
     * LSN, and its commit record reached the snapshot through the backend's WAL flush; every ID at or past the second
     * snapshot's counter was given out after the snapshot was fixed, so after the LSN was read.
     */
    private static BaseStore.InstanceBase snapshot(Session s, InstanceBackend backend, InstanceRow row, String name,
                                                   MergeBase.Layout layout, ProgressListener progress) {
        long t0 = System.nanoTime();
        try (Connection b = s.connections().open(Instances.url(s, row))) {
            Instant quiet = Instant.now();
            CutSnapshot before = CutSnapshot.take(b);
            Lsn lsn = InstanceBackends.snapshots(backend).snapshot(ClusterSource.of(row.dataDir(), b, progress), row.location(), name);
            CutSnapshot after = CutSnapshot.take(b);
            MergeBase info = new MergeBase(name, lsn, layout, new CopyReport(CopyMethod.CLONE,
                    Duration.ofNanos(System.nanoTime() - t0), backend.name() + " snapshot of branch " + row.name()));
            return new BaseStore.InstanceBase(info, quiet, Optional.of(new CutSnapshot(before.xmin(), after.next())));
        } catch (SQLException e) {
            throw new FoldoutException("could not keep the merge base of branch \"" + row.name() + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Records {@code next} as {@code branch}'s base, then destroys the base it replaces, then closes the journal entry
     * (a process that dies between the two leaves the old snapshot, which goes with the branch).
     */
    public static void record(Connection c, String branch, Taken next, Optional<MergeBase> old) throws SQLException {
        Transactions.inTransaction(c, tx -> BaseStore.setInstance(tx, branch, next.base()));
        Failpoints.at("instance-merge", "new base recorded");
        if (old.isPresent()) {
            InstanceRow row = Instances.require(c, branch).requireTrusted();
            InstanceBackends.destroySnapshot(InstanceBackends.require(row.backend()), row.location(), old.get().database());
            Failpoints.at("instance-merge", "old base destroyed");
        }
        Journal.finish(c, next.operation());
    }

    /** Destroys a base that was taken for a merge that did not commit, and closes its journal entry. */
    public static void discard(Connection c, String branch, Taken taken, Exception cause) {
        try {
            InstanceRow row = Instances.require(c, branch).requireTrusted();
            InstanceBackends.destroySnapshot(InstanceBackends.require(row.backend()), row.location(), taken.base().info().database());
            Journal.finish(c, taken.operation());
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e); // the journal entry stays: the next call's repair destroys the snapshot
        }
    }

    /** A server started on a copy of a base snapshot for a merge to read; closing it removes it. */
    public static final class Server implements AutoCloseable {
        private final Session session;
        private final Connection owner;
        private final InstanceRow row;

        private Server(Session session, Connection owner, InstanceRow row) {
            this.session = session;
            this.owner = owner;
            this.row = row;
        }

        /** Where to connect to the branch's database on it. */
        public ConnectionUrl url() {
            return Instances.url(session, row);
        }

        /** Its data directory: the copy of the base snapshot. */
        public java.nio.file.Path dataDirectory() {
            return row.dataDir();
        }

        /** Stops the server and destroys its copy; the base snapshot stays. */
        @Override
        public void close() throws SQLException {
            InstanceDeleteOperation.remove(owner, InstanceBackends.require(row.backend()), row, session.progress());
        }
    }

    /**
     * Starts a server on a copy of {@code base}, a snapshot of instance branch {@code branch}. Its catalog row stays
     * CREATING, owned by {@code owner}'s session: a process that dies while merging leaves a row the next call's repair
     * removes.
     */
    public static Server serve(Session s, Connection owner, String branch, MergeBase base) throws SQLException {
        InstanceRow of = Instances.requireReady(owner, branch).requireTrusted();
        String name = BaseStore.newName(SERVER_PREFIX);
        s.progress().step("starting a server on the merge base of \"" + branch + "\"");
        return new Server(s, owner, InstanceBranchOperation.fromBase(s, owner, of, base, name));
    }

    private static String newName() {
        return BaseStore.newName(BaseStore.INSTANCE_PREFIX);
    }
}
