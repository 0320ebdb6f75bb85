package dev.foldout.internal;

import static dev.foldout.internal.sql.ReadSnapshots.prepared;
import static dev.foldout.internal.sql.ReadSnapshots.snapshot;

import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.ConnectionUrl;
import dev.foldout.FoldoutException;
import dev.foldout.InstanceInfo;
import dev.foldout.InstanceState;
import dev.foldout.NotFoundException;
import dev.foldout.internal.cluster.InstanceCuts;
import dev.foldout.internal.cluster.Instances;
import dev.foldout.internal.diff.locate.InstanceCut;
import dev.foldout.internal.diff.locate.InstancePageScan;
import dev.foldout.internal.ops.ClusterDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The diff of an instance branch (a cluster of its own) against its parent, located by the page scan of both
 * clusters from the branch's cut.
 */
final class InstanceDiff {
    private InstanceDiff() {
    }

    /**
     * The diff of an instance branch (a cluster of its own) against its parent, which is a database of this server or
     * another instance branch: the same database in two clusters that share their past up to the cut, so the page
     * scan of both sides finds what either wrote since (see {@link InstancePageScan}); else compared in full.
     */
    static Diff of(Session s, InstanceInfo branch, DiffOptions options, Appendable out, DiffFormat format) {
        if (branch.state() != InstanceState.RUNNING) {
            throw new FoldoutException("instance branch \"" + branch.name() + "\" is " + branch.state().name().toLowerCase(
                    java.util.Locale.ROOT) + ": " + Fixes.start(branch.name()) + " first, then diff it");
        }
        Optional<ConnectionUrl> parentInstance = Instances.url(s, branch.parent());
        String parentLabel = branch.parent();
        if (parentInstance.isEmpty()) {
            s.read("finding the parent of branch \"" + branch.name() + "\"", c -> ClusterDatabases.find(c, branch.database())
                    .orElseThrow(() -> new NotFoundException("the parent database \"" + branch.database() + "\" of instance "
                            + "branch \"" + branch.name() + "\" no longer exists")));
            parentLabel = branch.database();
        }
        ConnectionUrl to = Instances.url(s, branch.name()).orElseThrow();
        String parentName = parentLabel;
        String parentKey = "diff:" + parentInstance.map(InstanceDiff::where).orElse(branch.database());
        IdleConnections.Opener parentSide = () -> snapshot(s.borrow(parentKey, () -> prepared(parentInstance
                .map(u -> s.connections().open(u)).orElseGet(() -> s.connections().open(branch.database())))));
        return DiffRun.run(s, parentLabel, branch.name(), parentSide,
                () -> snapshot(s.borrow("diff:" + where(to), () -> prepared(s.connections().open(to)))), Optional.empty(),
                Optional.of((admin, opened) -> cut(s, branch, parentName, parentInstance, to, options, admin, opened)),
                "", options, out, format);
    }

    /**
     * The cut of an instance branch, as the page scan needs it ({@link InstanceCuts#ofBranch}). The quiet instant is the
     * branch's {@code created_at}: its catalog row is inserted (the catalog server's {@code now()}) when the branch is
     * planned, before the backend copies the cluster and reads the cut, so every page stamped past the cut reached its
     * file after it. The parent's CHECKPOINT goes through {@code admin} when the parent is a database of this server.
     */
    private static InstanceCut cut(Session s, InstanceInfo branch, String parentName, Optional<ConnectionUrl> parentInstance,
                                   ConnectionUrl to, DiffOptions options, Connection admin, List<Connection> opened)
            throws SQLException {
        Optional<Path> parentDir = parentInstance.isPresent() ? Instances.dataDirectory(s, branch.parent()) : s.dataDirectory();
        InstanceCuts.Side parent = new InstanceCuts.Side("parent \"" + parentName + "\"", parentDir,
                () -> parentInstance.isPresent() ? held(opened, checkpointer(s, parentInstance.get())) : admin);
        InstanceCuts.Side branchSide = new InstanceCuts.Side("branch \"" + branch.name() + "\"",
                Optional.of(branch.dataDirectory()), () -> held(opened, checkpointer(s, to)));
        return InstanceCuts.ofBranch(s, branch, options.locator(), parent, branchSide);
    }

    /** An auto-commit connection to the cluster of {@code url}, kept between diffs like the diff's own. */
    private static Connection checkpointer(Session s, ConnectionUrl url) throws SQLException {
        return s.borrow("checkpoint:" + where(url), () -> s.connections().open(url));
    }

    /** Where {@code url} leads, as a key of the session's idle connections. */
    private static String where(ConnectionUrl url) {
        return url.host() + ":" + url.port() + "/" + url.database();
    }

    private static Connection held(List<Connection> opened, Connection c) {
        opened.add(c);
        return c;
    }
}
