package dev.foldout.internal.cluster;

import dev.foldout.NotFoundException;
import dev.foldout.NotSupportedException;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.CatalogDatabase;
import dev.foldout.internal.ops.ClusterDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What an instance branch is copied from: a database of the connected server (the whole cluster is copied and
 * the branch connects to that database), or another instance branch, which must be running.
 *
 * @param dataDir      the source cluster's data directory
 * @param binaries     the directory holding its server's {@code bin/pg_ctl}
 * @param osAccount    the account its server runs as
 * @param database     the database the branch connects to
 * @param parentBranch the instance branch copied, else null
 * @param connection   a superuser connection to the running source cluster; closed with this
 */
record BranchSource(Path dataDir, Path binaries, String osAccount, String database, String parentBranch, Connection connection)
        implements AutoCloseable {

    /** Resolves {@code parent}, an instance branch's name or a database of the connected server. */
    static BranchSource resolve(Session s, Connection catalog, String parent) throws SQLException {
        Optional<InstanceRow> branch = InstanceStore.find(catalog, parent);
        if (branch.isPresent()) {
            InstanceRow row = branch.get();
            if (row.state() != InstanceRow.State.READY || row.dataDir() == null) {
                throw new NotSupportedException("branch \"" + parent + "\" is " + row.state().name().toLowerCase(java.util.Locale.ROOT)
                        + ": wait for that to finish, then branch it");
            }
            if (!ClusterServer.of(row).running()) {
                throw new NotSupportedException("branch \"" + parent + "\" is stopped: start it with " + Fixes.start(parent)
                        + ", then branch it");
            }
            Connection c = s.connections().open(Instances.url(s, row));
            return new BranchSource(row.dataDir(), row.binaries(), row.osAccount(), row.database(), parent, c);
        }
        if (parent.equals(CatalogDatabase.NAME) || ClusterDatabases.find(catalog, parent).isEmpty()) {
            throw new NotFoundException("no database or instance branch named \"" + parent + "\" on " + s.connections().address()
                    + " - " + Fixes.DATABASES + " and " + Fixes.REPAIR + " show them");
        }
        Path dataDir = s.dataDirectory().orElseThrow(() -> new NotSupportedException("instance branches copy the server's "
                + "data directory, which is not visible from this host for " + s.connections().address() + ": run Foldout on "
                + "the server's host as a superuser, or set FLD_PG_DATA_PATH to where the data directory is mounted"));
        Path binaries = ParentCluster.binaries(dataDir);
        String account = ParentCluster.account(dataDir);
        return new BranchSource(dataDir, binaries, account, parent, null, s.openOwner());
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the source's connection is only read from
        }
    }
}
