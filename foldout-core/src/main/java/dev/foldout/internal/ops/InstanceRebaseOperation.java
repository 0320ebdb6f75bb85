package dev.foldout.internal.ops;

import static dev.foldout.internal.sql.ReadSnapshots.prepared;

import dev.foldout.ConnectionUrl;
import dev.foldout.DatabaseInUseException;
import dev.foldout.MergeBase;
import dev.foldout.MergeOptions;
import dev.foldout.MergeResult;
import dev.foldout.RefInfo;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.cluster.InstanceBases;
import dev.foldout.internal.cluster.InstanceRebuilds;
import dev.foldout.internal.cluster.Instances;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebases an instance branch: a fresh copy of its parent's current state is made beside it ({@link InstanceRebuilds}),
 * the branch's own changes since its base are merged into that copy (the merge's engine, conflicts refused as a merge
 * refuses them), and the copy is swapped in under the branch's name and port; its base is the parent's state it was
 * copied from. The branch is closed to new sessions from the moment its changes are read (its two reading
 * connections are opened first), so that nothing written to it is lost; a refused or failed rebase opens it again and
 * removes the copy.
 */
final class InstanceRebaseOperation {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceRebaseOperation.class);

    private InstanceRebaseOperation() {
    }

    static MergeResult run(Session s, RefInfo ref, MergeOptions options) {
        String branch = ref.name();
        try (Connection c = s.openOwner()) {
            BaseStore.InstanceBase base = InstanceMergeOperation.prepare(s, c, ref, "rebase");
            ConnectionUrl branchUrl = Instances.url(s, branch).orElseThrow();
            return InstanceMergeOperation.locked(c, s, branch, () -> rebase(s, c, ref, base, branchUrl, options));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "rebasing branch \"" + branch + "\"", s.connections().address());
        }
    }

    private static MergeResult rebase(Session s, Connection c, RefInfo ref, BaseStore.InstanceBase base, ConnectionUrl branchUrl,
                                      MergeOptions options) throws SQLException {
        String branch = ref.name();
        InstanceRebuilds.Fresh fresh = InstanceRebuilds.make(s, c, branch, options.force(), true);
        Deque<Connection> reads = new ArrayDeque<>();
        boolean closed = false;
        try {
            for (int i = 0; i < 2; i++) {
                reads.add(prepared(s.connections().open(branchUrl)));
            }
            closed = closeToOthers(s, branchUrl, reads, options.force());
            MergeResult result;
            try (InstanceBases.Server server = InstanceBases.serve(s, c, branch, base.info())) {
                MergeSides sides = InstanceMergeOperation.sides(s, ref, base, server, branchUrl, reads::remove,
                        new InstanceMergeOperation.Into("the fresh copy of \"" + ref.parent() + "\"",
                                Instances.dataDirectory(s, fresh.name()), () -> s.connections().open(fresh.url())));
                result = MergeRun.merge(s, c, new MergeRun.Target(branch, fresh.name(), branch, false), sides, options, null);
            }
            if (options.dryRun()) {
                reopen(s, branchUrl, closed);
                InstanceRebuilds.discard(s, c, fresh, new SQLException("dry run"));
                return result;
            }
            InstanceRebuilds.swap(s, c, fresh, ref.message());
            LOG.info("rebased \"{}\" onto \"{}\": {} rows, {} schema statements of its own kept", branch, ref.parent(),
                    result.rowsChanged(), result.schema().size());
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                reopen(s, branchUrl, closed);
            } catch (SQLException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            InstanceRebuilds.discard(s, c, fresh, e);
            throw e;
        } finally {
            for (Connection r : reads) {
                try {
                    r.close();
                } catch (SQLException ignored) {
                    // a connection the merge did not take: closing it only ends its session
                }
            }
        }
    }

    /**
     * Closes the branch's database to new sessions and ends the others when {@code force}, else refuses while there
     * are any; the rebase's own connections ({@code mine}) stay. Returns true.
     */
    private static boolean closeToOthers(Session s, ConnectionUrl branchUrl, Deque<Connection> mine, boolean force)
            throws SQLException {
        String database = branchUrl.database();
        String quoted = dev.foldout.Identifiers.quote(database);
        java.util.Set<Integer> ours = new java.util.HashSet<>();
        for (Connection c : mine) {
            ours.add(c.unwrap(org.postgresql.PGConnection.class).getBackendPID());
        }
        try (Connection admin = s.connections().open(branchUrl.withDatabase("postgres"))) {
            Jdbc.execute(admin, "alter database " + quoted + " allow_connections false");
            List<dev.foldout.SessionInfo> others = ClusterDatabases.sessions(admin, database).stream()
                    .filter(x -> !ours.contains(x.pid())).toList();
            if (!others.isEmpty() && !force) {
                Jdbc.execute(admin, "alter database " + quoted + " allow_connections true");
                throw new DatabaseInUseException(database, others, "the branch is in use: a rebase replaces it, and what they "
                        + "wrote meanwhile would be lost - disconnect them, or run again with force (MergeOptions.withForce(true)) to end them");
            }
            for (dev.foldout.SessionInfo other : others) {
                Jdbc.queryOne(admin, "select pg_terminate_backend(?)", rs -> true, other.pid());
            }
        }
        return true;
    }

    /** Opens the branch's database to sessions again, after a rebase that did not replace it. */
    private static void reopen(Session s, ConnectionUrl branchUrl, boolean closed) throws SQLException {
        if (!closed) {
            return;
        }
        try (Connection c = s.connections().open(branchUrl.withDatabase("postgres"))) {
            Jdbc.execute(c, "alter database " + dev.foldout.Identifiers.quote(branchUrl.database())
                    + " allow_connections true");
        }
    }
}
