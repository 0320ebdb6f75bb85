package dev.foldout.zfs;

import dev.foldout.BackendStatus;
import dev.foldout.CopyMethod;
import dev.foldout.CopyReport;
import dev.foldout.FoldoutException;
import dev.foldout.Lsn;
import dev.foldout.NameConflictException;
import dev.foldout.NotSupportedException;
import dev.foldout.spi.ClusterCopy;
import dev.foldout.spi.ClusterSource;
import dev.foldout.spi.CutSnapshot;
import dev.foldout.spi.ClusterSnapshots;
import dev.foldout.spi.InstanceBackend;
import dev.foldout.zfs.internal.SourceDataset;
import dev.foldout.zfs.internal.Zfs;
import dev.foldout.zfs.internal.ZfsCommand;
import dev.foldout.zfs.internal.ZfsLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instance branches on ZFS ({@code --backend zfs}). A branch of a cluster whose data directory lies on dataset
 * {@code pool/pg} is: the cut read (WAL position and {@link CutSnapshot}), CHECKPOINT on the running cluster,
 * {@code zfs snapshot pool/pg@foldout.NAME} (atomic, so the copy is crash-consistent and the server recovers it like
 * after a power cut), and {@code zfs clone} of it to {@code pool/pg.foldout/NAME} ('/' in NAME becomes ':'), labelled with
 * {@code dev.foldout:*} user properties. Deleting a branch destroys the clone with its own snapshots, then the
 * snapshot it came from. Branches of branches go beside the others, under the same {@code .foldout} dataset.
 */
public final class ZfsBackend implements InstanceBackend, ClusterSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(ZfsBackend.class);
    private static final String PREFIX = "dev.foldout:";
    /** What making, labelling and deleting a branch does to datasets, as {@code zfs allow} names the rights. */
    private static final List<String> DELEGATED = List.of("clone", "create", "destroy", "mount", "snapshot", "userprop");

    /** For {@link java.util.ServiceLoader}. */
    public ZfsBackend() {
    }

    @Override
    public String name() {
        return "zfs";
    }

    @Override
    public BackendStatus status(ClusterSource source) {
        if (ZfsCommand.find("zfs").isEmpty()) {
            return new BackendStatus(name(), false, "the zfs command is not installed: install OpenZFS (zfsutils-linux) or zfs-fuse");
        }
        try {
            Optional<SourceDataset> ds = SourceDataset.of(source.dataDirectory());
            if (ds.isEmpty()) {
                return new BackendStatus(name(), false, "the data directory " + source.dataDirectory() + " is on no ZFS dataset: "
                        + "put it on one (zfs create POOL/pgdata) to make instance branches by zfs clone");
            }
            Optional<String> problem = ds.get().problem().or(() -> missingRights(ds.get().name()));
            return problem.map(p -> new BackendStatus(name(), false, p))
                    .orElseGet(() -> new BackendStatus(name(), true, "zfs snapshot + clone of dataset " + ds.get().name()));
        } catch (IOException | RuntimeException e) {
            return new BackendStatus(name(), false, "cannot inspect " + source.dataDirectory() + " (" + e.getMessage()
                    + "): check that the zfs-fuse or ZFS kernel module is loaded and 'zfs list' works as this account");
        }
    }

    /**
     * As another account than root, the rights delegated with {@code zfs allow} that making and deleting branches needs,
     * if any is missing.
     */
    private static Optional<String> missingRights(String dataset) {
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) { // root holds every right
            return Optional.empty();
        }
        String user = System.getProperty("user.name");
        String fix = "run Foldout as root, or delegate them: zfs allow -u " + user + " " + String.join(",", DELEGATED) + " "
                + dataset;
        var allowed = ZfsCommand.run("zfs", "allow", dataset);
        if (!allowed.ok()) {
            return Optional.of("cannot read the rights delegated on " + dataset + " (" + ZfsCommand.oneLine(allowed) + "): " + fix);
        }
        List<String> missing = DELEGATED.stream().filter(right -> !allowed.output().lines()
                .anyMatch(l -> (l.contains("user " + user + " ") || l.contains("everyone ")) && l.contains(right))).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("account '" + user + "' lacks the zfs rights " + String.join(",", missing) + " on " + dataset + ": " + fix);
    }

    @Override
    public String plan(ClusterSource source, String branchName) {
        SourceDataset ds = dataset(source);
        ZfsLocation loc = ZfsLocation.of(ds.name(), ds.root(), branchName);
        for (String taken : List.of(loc.snapshot(), loc.dataset())) {
            if (Zfs.exists(taken)) {
                throw new NameConflictException("cannot make branch \"" + branchName + "\" with zfs: " + taken + " exists "
                        + "already - destroy it (zfs destroy -r " + taken + ") or choose another name");
            }
        }
        return loc.toString();
    }

    @Override
    public ClusterCopy copy(ClusterSource source, String location) {
        SourceDataset ds = dataset(source);
        ZfsLocation loc = ZfsLocation.parse(location);
        source.progress().step("reading the cut, then CHECKPOINT on the source cluster");
        Cut cut = cut(source);
        source.progress().step("zfs snapshot " + loc.snapshot());
        long t0 = System.nanoTime();
        Zfs.snapshot(loc.snapshot());
        try {
            source.progress().step("zfs clone " + loc.snapshot() + " " + loc.dataset());
            Zfs.createIfMissing(loc.container());
            Map<String, String> props = new LinkedHashMap<>();
            props.put(SourceDataset.ROOT_PROPERTY, ds.root());
            props.put(PREFIX + "origin", ds.name());
            Zfs.clone(loc.snapshot(), loc.dataset(), props);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            Path dataDir = mountedDataDir(loc, ds.mountpoint().relativize(ds.dataDir()).toString());
            LOG.debug("zfs clone {} at {} in {} ms", loc.dataset(), dataDir, elapsed.toMillis());
            return new ClusterCopy(location, dataDir, cut.lsn(), new CopyReport(CopyMethod.CLONE, elapsed,
                    "zfs snapshot + clone of " + ds.name()), Optional.of(cut.transactions()));
        } catch (RuntimeException e) {
            try {
                destroy(location);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static Path mountedDataDir(ZfsLocation loc, String relative) {
        Path mount = Path.of(Zfs.get("mountpoint", loc.dataset()).orElseThrow(() -> new FoldoutException(
                "clone " + loc.dataset() + " has no mount point: set one on " + loc.container())));
        Path dataDir = mount.resolve(relative);
        if (!Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
            throw new FoldoutException("clone " + loc.dataset() + " is not mounted at " + mount + " (no " + dataDir.resolve("PG_VERSION")
                    + "): check 'zfs get mounted " + loc.dataset() + "'");
        }
        return dataDir;
    }

    @Override
    public Lsn snapshot(ClusterSource source, String location, String snapshotName) {
        String snap = ZfsLocation.parse(location).userSnapshot(snapshotName);
        if (Zfs.exists(snap)) {
            throw new NameConflictException("cannot make snapshot \"" + snapshotName + "\": " + snap + " exists already - "
                    + "destroy it (zfs destroy " + snap + ") or choose another name");
        }
        source.progress().step("CHECKPOINT on the branch");
        Lsn lsn = checkpoint(source);
        source.progress().step("zfs snapshot " + snap);
        Zfs.snapshot(snap);
        return lsn;
    }

    @Override
    public boolean snapshotExists(String location, String snapshotName) {
        return Zfs.exists(ZfsLocation.parse(location).userSnapshot(snapshotName));
    }

    @Override
    public void destroySnapshot(String location, String snapshotName) {
        Zfs.destroy(ZfsLocation.parse(location).userSnapshot(snapshotName), false);
    }

    @Override
    public String planFromSnapshot(String location, String snapshotName, String branchName) {
        ZfsLocation from = ZfsLocation.parse(location);
        String root = Zfs.get(SourceDataset.ROOT_PROPERTY, from.dataset()).orElse(from.dataset());
        ZfsLocation loc = new ZfsLocation(from.userSnapshot(snapshotName), ZfsLocation.of(root, root, branchName).dataset());
        if (Zfs.exists(loc.dataset())) {
            throw new NameConflictException("cannot make branch \"" + branchName + "\" with zfs: " + loc.dataset() + " exists "
                    + "already - destroy it (zfs destroy -r " + loc.dataset() + ") or choose another name");
        }
        return loc.toString();
    }

    @Override
    public ClusterCopy copyFromSnapshot(String location, Path dataDirectory, String snapshotName, String branchLocation,
                                        Lsn cutLsn, dev.foldout.ProgressListener progress) {
        ZfsLocation from = ZfsLocation.parse(location);
        ZfsLocation loc = ZfsLocation.parse(branchLocation);
        String root = Zfs.get(SourceDataset.ROOT_PROPERTY, from.dataset()).orElse(from.dataset());
        Path fromMount = Path.of(Zfs.get("mountpoint", from.dataset()).orElseThrow(() -> new FoldoutException(
                from.dataset() + " has no mount point: set one (zfs set mountpoint=DIR " + from.dataset() + ")")));
        progress.step("zfs clone " + loc.snapshot() + " " + loc.dataset());
        long t0 = System.nanoTime();
        try {
            Zfs.createIfMissing(loc.container());
            Zfs.clone(loc.snapshot(), loc.dataset(), Map.of(SourceDataset.ROOT_PROPERTY, root, PREFIX + "origin", loc.snapshot()));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            Path dataDir = mountedDataDir(loc, fromMount.relativize(dataDirectory).toString());
            return new ClusterCopy(branchLocation, dataDir, cutLsn, new CopyReport(CopyMethod.CLONE, elapsed, "zfs clone of " + loc.snapshot()));
        } catch (RuntimeException e) {
            try {
                destroy(branchLocation);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The cut of a branch: the source's WAL position and its transactions then. */
    private record Cut(Lsn lsn, CutSnapshot transactions) {
    }

    /**
     * The cut, read on the source right before its CHECKPOINT, which comes right before the {@code zfs snapshot}:
     * {@code pg_current_wal_lsn()} (every WAL record below it is written, so the atomic snapshot holds it), then the
     * {@link CutSnapshot}, then the CHECKPOINT, whose WAL flush writes every commit record of a transaction the
     * snapshot counts as ended (an asynchronous commit leaves its record unwritten for a while) before the copy is
     * fixed. So each transaction below the snapshot's xmin ended alike in the source and the copy, and each one at or
     * past its counter wrote its rows in pages stamped past the cut.
     */
    private static Cut cut(ClusterSource source) {
        try (Statement st = source.connection().createStatement()) {
            Lsn lsn;
            try (ResultSet rs = st.executeQuery("select pg_current_wal_lsn()::text")) {
                rs.next();
                lsn = Lsn.parse(rs.getString(1));
            }
            CutSnapshot transactions = CutSnapshot.take(source.connection());
            st.execute("checkpoint");
            return new Cut(lsn, transactions);
        } catch (SQLException e) {
            throw new FoldoutException("reading the cut and CHECKPOINT on the source cluster failed (" + e.getSQLState() + "): "
                    + e.getMessage() + " - connect as a superuser or a member of pg_checkpoint", e);
        }
    }

    private static Lsn checkpoint(ClusterSource source) {
        try (Statement st = source.connection().createStatement()) {
            st.execute("checkpoint");
            try (ResultSet rs = st.executeQuery("select pg_current_wal_lsn()::text")) {
                rs.next();
                return Lsn.parse(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new FoldoutException("CHECKPOINT on the source cluster failed (" + e.getSQLState() + "): " + e.getMessage()
                    + " - connect as a superuser or a member of pg_checkpoint", e);
        }
    }

    @Override
    public void label(String location, Map<String, String> labels) {
        ZfsLocation loc = ZfsLocation.parse(location);
        if (Zfs.exists(loc.dataset())) {
            Map<String, String> props = new LinkedHashMap<>();
            labels.forEach((k, v) -> props.put(PREFIX + k, v));
            Zfs.set(loc.dataset(), props);
        }
    }

    @Override
    public boolean exists(String location) {
        return Zfs.exists(ZfsLocation.parse(location).dataset());
    }

    @Override
    public long sizeBytes(String location) {
        return Zfs.get("used", ZfsLocation.parse(location).dataset()).map(Long::parseLong).orElse(0L);
    }

    @Override
    public void destroy(String location) {
        ZfsLocation loc = ZfsLocation.parse(location);
        Zfs.destroy(loc.dataset(), true);
        if (loc.ownsSnapshot()) {
            Zfs.destroy(loc.snapshot(), false);
        }
        if (Zfs.exists(loc.container()) && Zfs.children(loc.container()).isEmpty()) {
            Zfs.destroy(loc.container(), false);
        }
    }

    @Override
    public List<String> health() {
        return Zfs.pools();
    }

    private static SourceDataset dataset(ClusterSource source) {
        try {
            return SourceDataset.of(source.dataDirectory()).orElseThrow(() -> new NotSupportedException("the data directory "
                    + source.dataDirectory() + " is on no ZFS dataset: put it on one (zfs create POOL/pgdata) to make "
                    + "instance branches by zfs clone"));
        } catch (IOException e) {
            throw new NotSupportedException("cannot resolve " + source.dataDirectory() + " (" + e.getMessage() + "): run "
                    + "Foldout on the server's host, as an account that can read the data directory", e);
        }
    }
}
