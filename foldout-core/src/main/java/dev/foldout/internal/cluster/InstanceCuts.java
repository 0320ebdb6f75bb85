package dev.foldout.internal.cluster;

import dev.foldout.InstanceInfo;
import dev.foldout.Locator;
import dev.foldout.internal.Session;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.diff.locate.InstanceCut;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The cuts an instance branch's diffs and merges locate their changed blocks from ({@link InstanceCut}, read by the
 * page scan): where two clusters descend from the same files. Two kinds:
 * <ul>
 * <li>the branch's own cut: the parent's cluster and every copy made of the branch since (the branch itself, a server
 *     on one of its merge bases) share the parent's pages up to the branch's cut LSN;</li>
 * <li>a base's cut: a server on the base snapshot and the branch share the branch's pages up to the snapshot's LSN.</li>
 * </ul>
 */
public final class InstanceCuts {
    private InstanceCuts() {
    }

    /** Opens an auto-commit connection to a side's cluster for its CHECKPOINT; the caller closes what it opens. */
    @FunctionalInterface
    public interface Admin {
        Connection open() throws SQLException;
    }

    /**
     * One side of a cut: how a diff names it, its data directory when on this host, and its admin connection.
     *
     * @param label   {@code parent "app"}, {@code branch "feature/x"}
     * @param dataDir the cluster's data directory
     * @param admin   opened only when the page scan may serve the diff
     */
    public record Side(String label, Optional<Path> dataDir, Admin admin) {
    }

    /**
     * The cut of instance branch {@code branch} between {@code from} (the diff's parent side) and {@code to}: the parent's
     * cluster and the branch, or a server on a merge base of the branch, in either order. A branch made from a snapshot
     * of another instance branch is cut in the history of the branch snapshotted, which is not its parent's: unusable
     * when its parent is a database of this server.
     */
    public static InstanceCut ofBranch(Session s, InstanceInfo branch, Locator locator, Side from, Side to)
            throws SQLException {
        String unusable = "";
        if (Instances.url(s, branch.parent()).isEmpty() && InstanceSnapshots.isInstanceSnapshot(s, branch.parent())) {
            unusable = "made from snapshot \"" + branch.parent() + "\", whose past is not that of database \""
                    + branch.database() + "\"";
        } else if (branch.cutLsn().value() == 0) {
            unusable = "the catalog has no cut LSN for branch \"" + branch.name() + "\"";
        }
        boolean scan = unusable.isEmpty() && scans(locator);
        return new InstanceCut(branch.cutLsn(), Optional.of(branch.createdAt()), cluster(from, scan), cluster(to, scan),
                unusable, scan ? Instances.cutSnapshot(s, branch.name()) : Optional.empty());
    }

    /**
     * The cut of {@code base}, a snapshot of an instance branch, between {@code from}, a server on a copy of it, and
     * {@code to}, the branch. A base recorded without its transactions (by an earlier Foldout, which also stamped its
     * instant after the snapshot) has every file read and every transaction's end compared.
     */
    public static InstanceCut ofBase(BaseStore.InstanceBase base, Locator locator, Side from, Side to) throws SQLException {
        boolean scan = scans(locator);
        Optional<java.time.Instant> quiet = base.xids().isPresent() ? Optional.of(base.quiet()) : Optional.empty();
        return new InstanceCut(base.info().lsn(), quiet, cluster(from, scan), cluster(to, scan), "", base.xids());
    }

    private static boolean scans(Locator locator) {
        return locator == Locator.AUTO || locator == Locator.PAGESCAN;
    }

    private static InstanceCut.Cluster cluster(Side side, boolean scan) throws SQLException {
        return new InstanceCut.Cluster(side.label(), side.dataDir(), scan ? side.admin().open() : null);
    }
}
