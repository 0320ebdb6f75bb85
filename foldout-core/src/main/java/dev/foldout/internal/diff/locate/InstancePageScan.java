package dev.foldout.internal.diff.locate;

import dev.foldout.Lsn;
import dev.foldout.internal.diff.rows.Leaf;
import dev.foldout.internal.sql.BothSides;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.pagescan.ChangedBlocks;
import dev.foldout.pagescan.MissingRelationFileException;
import dev.foldout.pagescan.PageGeometry;
import dev.foldout.pagescan.PageScanException;
import dev.foldout.pagescan.PageScanner;
import dev.foldout.pagescan.Relation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page scan of an instance branch against its parent: two clusters, each side's relation files read from its
 * own data directory, {@code pd_lsn} compared with the cut. It serves a leaf (same OID, relfilenode and file path
 * on both sides, WAL-logged) exactly; why:
 * <ol>
 * <li><b>A shared past.</b> The branch's cluster is a copy of the parent's taken at the cut. zfs: the cut read as
 *     {@code pg_current_wal_lsn()} (WAL written up to there), a CHECKPOINT, then an atomic snapshot, so the copy holds
 *     every WAL record up to the cut and its recovery replays them. reflink-cluster: the cut is the base
 *     backup's start (the redo point of {@code pg_backup_start}'s checkpoint), and the copy's recovery replays the
 *     WAL from there past the backup's end. After recovery, a branch page whose {@code pd_lsn} is at or before the
 *     cut holds what the parent's page held at the cut. Past the cut both clusters write WAL at higher positions
 *     (the parent continues its WAL, the branch's recovery ends past the cut), and every WAL-logged change of a heap
 *     page stamps {@code pd_lsn} with a position past the cut.</li>
 * <li><b>Pages neither side wrote are equal.</b> After a CHECKPOINT on each cluster (taken after the diff's
 *     snapshots, so the files hold every change those snapshots see), a block whose {@code pd_lsn} is at or before
 *     the cut on both sides holds the same tuples on both: only hint bits (and, without checksums, the all-visible
 *     flag) may differ, and they only record what the commit log says. This needs every write to be WAL-logged:
 *     {@code wal_level} must not be {@code minimal} on either side (there, a relation made or rewritten in a
 *     transaction is written without WAL), unlogged leaves are compared in full (their pages carry no WAL position,
 *     and the branch's recovery reset them to their empty init fork), and so are leaves with another relfilenode or
 *     path on one side (TRUNCATE, VACUUM FULL, CLUSTER, ALTER ... TYPE, SET TABLESPACE, SET LOGGED). Two sides that
 *     each rewrote a table into the same relfilenode number (both OID counters continue from the cut) are still
 *     served exactly: every page of a file made after the cut was written with WAL, so all of them are found.</li>
 * <li><b>Equal pages show the same rows if their transactions ended alike.</b> A row in a page neither side wrote
 *     since the cut was written by a WAL record before the cut, so by a transaction given its ID before the cut LSN
 *     was read. The backend took the parent's {@link dev.foldout.spi.CutSnapshot} after reading the cut LSN and before
 *     the copy point, with a WAL flush in between (the zfs CHECKPOINT, the WAL switch of {@code pg_backup_stop}), and
 *     the catalog keeps it ({@code foldout.instances.cut_xids}). Every ID below its xmin had ended when it was taken,
 *     and its commit or abort record is in the copy: it ended alike on both sides. Every ID at or past its
 *     {@code next} (the transaction counter, not the snapshot's xmax: a transaction given its ID before the cut can
 *     run at or past the xmax) was given out after the cut LSN, so each row it wrote is in a page stamped past the cut,
 *     read on both sides through SQL, where each side's own commit log decides. Only IDs in [xmin, next) can differ:
 *     one open at the cut, committed on the parent later and cut off by the branch's recovery, or a prepared
 *     transaction finished differently on each side. All of [xmin, next) is compared, not only the snapshot's running
 *     list, which leaves out subtransactions when a transaction has more than fit in it. So the two commit logs
 *     ({@code pg_xact}, read from the files after the CHECKPOINTs) are compared over [xmin, next) (no lower than the
 *     oldest {@code relfrozenxid} of the leaves: no row carries an older ID), below both diff snapshots' xmax, and
 *     the parent's prepared transactions below {@code next} one by one; a transaction committed on one side only sends
 *     every table to a full compare. Below the xmaxes is enough: at or past the parent's xmax nothing is committed in
 *     the parent's snapshot but a prepared transaction (checked one by one: an ordinary transaction of the parent's
 *     that the branch saw commit has its commit record in the parent's WAL); the branch's recovery set its counter
 *     past every ID in the WAL it replayed, so an ID at or past the branch's xmax wrote no row before the cut. For a
 *     branch whose cut snapshot the catalog does not hold (made before it was recorded, or by a backend that does not
 *     take it), the range is every ID a row may carry, [oldest {@code relfrozenxid}, lower xmax): then also an ID given
 *     out after the cut, numbered alike on both sides but another transaction on each, committed on one side and
 *     rolled back on the other, sends the diff to a full compare: slower, never wrong. The locator's reason says which
 *     range was compared ({@link XidRange}).</li>
 * <li><b>Files skipped unread.</b> A segment file last modified before {@link InstanceCut#quietBefore} (less a few
 *     ticks of the kernel's coarse clock, which stamps file times, and the step of its file system's times: see
 *     {@link FileTimes}) holds no page written after the cut: a page stamped past the cut was written to its file
 *     after the cut was taken. The caller takes the instant from the
 *     instance's catalog row, stamped before its backend took the cut, by the catalog server's clock: that server,
 *     the parent's and the branch's run on this host (instance branches are made from a data directory on this host
 *     and served here), so all use one clock. A zfs clone keeps its snapshot's file times, a reflink clone has its
 *     own: either is no earlier than its content's last write.</li>
 * <li><b>Rows that moved.</b> An UPDATE writes the new version into some block and marks the old one: both blocks
 *     are found on that side and read on both; rows are matched by key. Blocks past one side's end (a VACUUM that
 *     truncated one side, or growth) are read on both (see {@code TablePlanner}). A row's TOAST values are reached
 *     through its tuple and never changed in place, so TOAST relations need no scan.</li>
 * </ol>
 * Extra blocks (hint bits written with a full-page image when data checksums are on, PostgreSQL 18's default; new
 * all-zero pages) cost a read, never a wrong answer. Assumed: the parent cluster's WAL past the cut was never lost
 * or rewound (a restore of the parent cluster to an earlier point, or a crash with {@code fsync = off}, breaks the
 * shared past), and nothing set file times back in a data directory ({@code touch}, {@code cp -p}).
 */
public final class InstancePageScan {
    private static final Logger LOG = LoggerFactory.getLogger(InstancePageScan.class);
    /** Its name, as the diff reports it: the same page scan as within one cluster. */
    public static final String NAME = "pagescan";
    private static final int LISTED = 3;
    private final PageScanner scanner = PageScanner.create();

    /**
     * What the scan found: the changed blocks, or why it cannot serve this diff.
     *
     * @param located     the changed blocks per leaf of each side; null when {@code unavailable} says why not
     * @param unavailable empty when {@code located} is set
     */
    public record Result(Located located, String unavailable) {
        static Result no(String why) {
            return new Result(null, why);
        }
    }

    /**
     * The blocks of the given leaves written since the cut on either side.
     *
     * @param from       the diff's connection to the parent's database, in its snapshot transaction
     * @param to         the same for the branch's
     * @param fromLeaves the parent's leaves to locate
     * @param toLeaves   the branch's leaves, in the same order
     */
    public Result locate(InstanceCut cut, Connection from, Connection to, List<Leaf> fromLeaves, List<Leaf> toLeaves)
            throws SQLException {
        if (!cut.unusable().isEmpty()) {
            return Result.no(cut.unusable());
        }
        for (InstanceCut.Cluster side : List.of(cut.parent(), cut.branch())) {
            String no = readable(side);
            if (!no.isEmpty()) {
                return Result.no(no);
            }
        }
        BothSides.Pair<ClusterFacts, ClusterFacts> facts = BothSides.read(() -> ClusterFacts.read(from, fromLeaves),
                () -> ClusterFacts.read(to, toLeaves));
        ClusterFacts p = facts.first();
        ClusterFacts b = facts.second();
        String no = sameDatabase(cut, p, b);
        if (no.isEmpty()) {
            no = checkpoint(cut);
        }
        if (no.isEmpty()) {
            no = transactionsAlike(cut, p, b);
        }
        if (!no.isEmpty()) {
            return Result.no(no);
        }
        Path parentDir = cut.parent().dataDir().orElseThrow();
        Path branchDir = cut.branch().dataDir().orElseThrow();
        Optional<Instant> quiet = cut.quietBefore();
        Lsn since = cut.lsn();
        Map<Long, long[]> fromBlocks = new HashMap<>();
        Map<Long, long[]> toBlocks = new HashMap<>();
        no = scan(cut.parent(), parentDir, p.geometry(), since, quiet, fromLeaves, fromBlocks);
        if (no.isEmpty()) {
            no = scan(cut.branch(), branchDir, b.geometry(), since, quiet, toLeaves, toBlocks);
        }
        return no.isEmpty() ? new Result(new Located(NAME, fromBlocks, toBlocks), "") : Result.no(no);
    }

    private static String readable(InstanceCut.Cluster side) {
        if (side.dataDir().isEmpty()) {
            return "the data directory of " + side.label() + " is not known on this host";
        }
        Path dir = side.dataDir().get();
        if (!Files.isReadable(dir.resolve("global")) || !Files.isReadable(dir.resolve("pg_xact"))) {
            return "the data directory " + dir + " of " + side.label() + " is not readable by this process (run Foldout "
                    + "as root, or as the account the server runs as)";
        }
        return "";
    }

    /** Empty when both sides hold the database copied at the cut, and each data directory is its server's. */
    private static String sameDatabase(InstanceCut cut, ClusterFacts p, ClusterFacts b) {
        if (p.databaseOid() != b.databaseOid()) {
            return "the database of " + cut.parent().label() + " (OID " + p.databaseOid() + ") is not the one copied at "
                    + "the cut (OID " + b.databaseOid() + "): it was made anew since";
        }
        String no = sideProblem(cut.parent(), p);
        return no.isEmpty() ? sideProblem(cut.branch(), b) : no;
    }

    private static String sideProblem(InstanceCut.Cluster c, ClusterFacts f) {
        if (f.walLevel().equals("minimal")) {
            return "wal_level is minimal on " + c.label() + ": pages written since the cut may carry no WAL position";
        }
        String pid = postmasterPort(c.dataDir().orElseThrow());
        if (!pid.equals(Integer.toString(f.port()))) {
            return c.dataDir().get() + " is not the data directory of " + c.label() + "'s server (its postmaster.pid "
                    + (pid.isEmpty() ? "is missing" : "names port " + pid) + "; the server listens on " + f.port() + ")";
        }
        return "";
    }

    private static String postmasterPort(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.size() > 3 ? lines.get(3).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** CHECKPOINT on both clusters at once: their files then hold every change the diff's snapshots see. */
    private static String checkpoint(InstanceCut cut) {
        try {
            BothSides.read(() -> checkpoint(cut.parent()), () -> checkpoint(cut.branch()));
            return "";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static Boolean checkpoint(InstanceCut.Cluster side) throws SQLException {
        try {
            Jdbc.execute(side.admin(), "checkpoint");
            return true;
        } catch (SQLException e) {
            throw new SQLException("CHECKPOINT on " + side.label() + " failed (" + e.getMessage() + "): diff as a superuser "
                    + "or a member of pg_checkpoint", e.getSQLState(), e);
        }
    }

    /** Empty when every transaction whose fate the rows of unwritten pages depend on ended alike on both sides. */
    private static String transactionsAlike(InstanceCut cut, ClusterFacts p, ClusterFacts b) {
        CommitLog parent = new CommitLog(cut.parent().dataDir().orElseThrow(), p.geometry().blockSize());
        CommitLog branch = new CommitLog(cut.branch().dataDir().orElseThrow(), b.geometry().blockSize());
        XidRange range = XidRange.of(cut.xids(), p, b);
        try {
            List<Long> differ = new ArrayList<>(CommitLog.differences(parent, branch, range.from(), range.to(), LISTED));
            // a transaction prepared on one side is not committed there; past the compared range, the other side's
            // commit log says whether it committed there (both sides are checked: a merge's diffs put the cluster
            // whose past the cut is in on either side)
            preparedElsewhere(p, b, branch, range, differ);
            preparedElsewhere(b, p, parent, range, differ);
            LOG.debug("commit logs compared over transactions {} .. {} ({}): {} ended differently", range.from(), range.to(),
                    range.atTheCut() ? "running at the cut" : "the cut's not recorded", differ);
            if (differ.isEmpty()) {
                return "";
            }
            List<String> which = new ArrayList<>();
            for (long x : differ) {
                which.add(x + " (committed on " + (parent.committed(x) ? cut.parent().label() : cut.branch().label()) + ")");
            }
            return "transaction " + String.join(", ", which) + " committed on one side only, " + range.describe()
                    + ": a transaction open at the cut may have left rows in pages neither side wrote since";
        } catch (CommitLog.Unreadable e) {
            return "the commit logs cannot be compared " + range.describe() + ": " + e.getMessage();
        }
    }

    /** Adds the transactions prepared on {@code side} past the range that committed on {@code other}. */
    private static void preparedElsewhere(ClusterFacts side, ClusterFacts other, CommitLog otherLog, XidRange range,
                                          List<Long> differ) throws CommitLog.Unreadable {
        for (long prepared : side.prepared()) {
            long x = ClusterFacts.full(prepared, side.xmax() + (1L << 30));
            if (x >= range.to() && x < other.xmax() && x < range.limit() && differ.size() < LISTED && otherLog.committed(x)
                    && !differ.contains(x)) {
                differ.add(x);
            }
        }
    }

    private String scan(InstanceCut.Cluster side, Path dir, PageGeometry geometry, Lsn since, Optional<Instant> quiet,
                        List<Leaf> leaves, Map<Long, long[]> out) throws SQLException {
        long scanned = 0;
        long skipped = 0;
        long found = 0;
        for (Leaf leaf : leaves) {
            Relation relation = Relation.of(dir.resolve(leaf.filePath()), geometry);
            try {
                ChangedBlocks changed = quiet.isPresent()
                        ? scanner.changedBlocks(relation, since, FileTimes.skipBefore(relation.path(), quiet.get()))
                        : scanner.changedBlocks(relation, since);
                out.put(leaf.oid(), changed.toArray());
                scanned += changed.scannedBlocks();
                skipped += changed.skippedBlocks();
                found += changed.count();
            } catch (MissingRelationFileException | NoSuchFileException e) {
                if (leaf.blocks() > 0) {
                    return "the file " + relation.path() + " of " + leaf.schema() + "." + leaf.name() + " is missing from "
                            + side.label() + "'s data directory " + dir;
                }
                out.put(leaf.oid(), new long[0]);
            } catch (PageScanException | IOException e) {
                throw new SQLException("page scan of " + leaf.schema() + "." + leaf.name() + " in " + side.label()
                        + " failed: " + e.getMessage(), e);
            }
        }
        LOG.debug("{}: {} leaves, {} blocks read, {} skipped unread, {} written since the cut", side.label(), leaves.size(),
                scanned, skipped, found);
        return "";
    }
}
