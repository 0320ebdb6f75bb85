package dev.foldout.internal.backend.reflinkcluster;

import dev.foldout.BackendStatus;
import dev.foldout.CopyMethod;
import dev.foldout.CopyReport;
import dev.foldout.FoldoutException;
import dev.foldout.Lsn;
import dev.foldout.NameConflictException;
import dev.foldout.NotSupportedException;
import dev.foldout.ProgressListener;
import dev.foldout.spi.Processes;
import dev.foldout.internal.cow.ClusterCloneReport;
import dev.foldout.internal.cow.ClusterCloner;
import dev.foldout.internal.cow.Ficlone;
import dev.foldout.spi.ClusterCopy;
import dev.foldout.spi.ClusterSource;
import dev.foldout.spi.ClusterSnapshots;
import dev.foldout.spi.InstanceBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Instance branches by reflink ({@code --backend reflink-cluster}): the running cluster's data directory is cloned
 * file by file with FICLONE between {@code pg_backup_start} and {@code pg_backup_stop} ({@link ClusterCloner}), so
 * the copy recovers to a consistent state. Branches of a cluster in {@code DIR/data} go to {@code DIR/data.foldout/NAME}
 * ('/' in NAME becomes ':'); branches of branches beside them. Needs XFS (reflink=1), btrfs or another file system
 * with FICLONE, and PostgreSQL 15 or newer.
 */
public final class ReflinkClusterBackend implements InstanceBackend, ClusterSnapshots {
    private static final String CONTAINER_SUFFIX = ".foldout";
    /** Between a branch's directory name and its snapshot's: branch names cannot hold it. */
    private static final String SNAPSHOT_SEPARATOR = "@";
    private static final String CONTAINER_MARK = ".foldout-branches";

    /** For {@link java.util.ServiceLoader}. */
    public ReflinkClusterBackend() {
    }

    @Override
    public String name() {
        return "reflink-cluster";
    }

    @Override
    public BackendStatus status(ClusterSource source) {
        try {
            int version = source.serverVersion();
            if (version < 150000) {
                return new BackendStatus(name(), false, "PostgreSQL " + version / 10000 + " has no pg_backup_start: an online "
                        + "reflink clone needs PostgreSQL 15 or newer");
            }
            Path where = container(source.dataDirectory());
            Path probeDir = Files.isDirectory(where) ? where : source.dataDirectory().toAbsolutePath().getParent();
            Optional<String> noClone = Ficlone.probe(probeDir);
            return noClone.map(reason -> new BackendStatus(name(), false, reason))
                    .orElseGet(() -> new BackendStatus(name(), true, "FICLONE of " + source.dataDirectory() + " into " + where
                            + " between pg_backup_start and pg_backup_stop"));
        } catch (RuntimeException e) {
            return new BackendStatus(name(), false, "cannot inspect " + source.dataDirectory() + " (" + e.getMessage()
                    + "): run Foldout on the server's host, as root or as the account that owns the data directory");
        }
    }

    @Override
    public String plan(ClusterSource source, String branchName) {
        Path target = container(source.dataDirectory()).resolve(branchName.replace('/', ':'));
        for (Path taken : List.of(target, tablespaces(target))) {
            if (Files.exists(taken)) {
                throw new NameConflictException("cannot make branch \"" + branchName + "\" by reflink: " + taken
                        + " exists already - remove it or choose another name");
            }
        }
        return target.toString();
    }

    @Override
    public ClusterCopy copy(ClusterSource source, String location) {
        Path target = Path.of(location);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target.getParent().resolve(CONTAINER_MARK), "branches made by Foldout's reflink-cluster backend\n");
        } catch (IOException e) {
            throw new FoldoutException("could not make " + target.getParent() + " for the branch: " + e.getMessage()
                    + " - check that its parent directory is writable", e);
        }
        ClusterCloneReport r = ClusterCloner.cloneRunning(source.connection(), source.dataDirectory(), target, source.progress());
        CopyMethod method = r.fellBackToCopy() ? CopyMethod.FILE_COPY : CopyMethod.CLONE;
        return new ClusterCopy(location, target, r.backupStart(), new CopyReport(method, r.elapsed(), r.describe()),
                r.cutSnapshot());
    }

    /**
     * A snapshot is a clone of the running branch made like the branch itself (between {@code pg_backup_start} and
     * {@code pg_backup_stop}, WAL and {@code backup_label} written) and never started, in {@code BRANCH@SNAPSHOT} beside
     * the branch's directory; a branch of it is a clone of that directory, which recovers when its server starts.
     */
    @Override
    public Lsn snapshot(ClusterSource source, String location, String snapshotName) {
        Path snapshot = snapshotDir(location, snapshotName);
        if (Files.exists(snapshot)) {
            throw new NameConflictException("cannot make snapshot \"" + snapshotName + "\": " + snapshot + " exists already - "
                    + "remove it or choose another name");
        }
        try (Stream<Path> spaces = Files.list(source.dataDirectory().resolve("pg_tblspc"))) {
            if (spaces.findAny().isPresent()) {
                throw new NotSupportedException("reflink-cluster cannot snapshot a branch with tablespaces outside its data "
                        + "directory: make a branch of it instead (foldout branch BRANCH NEW)");
            }
        } catch (IOException e) {
            throw new FoldoutException("cannot read " + source.dataDirectory().resolve("pg_tblspc") + " (" + e.getMessage()
                    + "): run Foldout as root or as the account that owns the branch's data directory", e);
        }
        return ClusterCloner.cloneRunning(source.connection(), source.dataDirectory(), snapshot, source.progress()).backupStart();
    }

    @Override
    public boolean snapshotExists(String location, String snapshotName) {
        return Files.isDirectory(snapshotDir(location, snapshotName));
    }

    @Override
    public void destroySnapshot(String location, String snapshotName) {
        remove(snapshotDir(location, snapshotName));
    }

    @Override
    public String planFromSnapshot(String location, String snapshotName, String branchName) {
        Path target = requireInContainer(location).resolveSibling(branchName.replace('/', ':'));
        if (Files.exists(target) || Files.exists(tablespaces(target))) {
            throw new NameConflictException("cannot make branch \"" + branchName + "\" by reflink: " + target
                    + " exists already - remove it or choose another name");
        }
        return target.toString();
    }

    @Override
    public ClusterCopy copyFromSnapshot(String location, Path dataDirectory, String snapshotName, String branchLocation,
                                        Lsn cutLsn, ProgressListener progress) {
        Path target = requireInContainer(branchLocation);
        ClusterCloneReport r = ClusterCloner.cloneSnapshot(snapshotDir(location, snapshotName), target, cutLsn, progress);
        CopyMethod method = r.fellBackToCopy() ? CopyMethod.FILE_COPY : CopyMethod.CLONE;
        return new ClusterCopy(branchLocation, target, cutLsn, new CopyReport(method, r.elapsed(), r.describe()));
    }

    private static Path snapshotDir(String location, String snapshotName) {
        Path branch = requireInContainer(location);
        return branch.resolveSibling(branch.getFileName() + SNAPSHOT_SEPARATOR + snapshotName.replace('/', ':'));
    }

    @Override
    public boolean exists(String location) {
        return Files.isDirectory(Path.of(location));
    }

    @Override
    public long sizeBytes(String location) {
        try (Stream<Path> files = Files.walk(Path.of(location))) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    @Override
    public void destroy(String location) {
        Path target = requireInContainer(location);
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            for (Path snapshot : siblings.filter(p -> p.getFileName().toString().startsWith(target.getFileName()
                    + SNAPSHOT_SEPARATOR)).toList()) {
                remove(snapshot); // its snapshots go with it
            }
        } catch (IOException e) {
            // no container: nothing of the branch is left there
        }
        remove(target);
        Path container = target.getParent();
        try (Stream<Path> left = Files.list(container)) {
            if (left.allMatch(p -> p.getFileName().toString().equals(CONTAINER_MARK))) {
                Files.deleteIfExists(container.resolve(CONTAINER_MARK));
                Files.deleteIfExists(container);
            }
        } catch (IOException e) {
            // the container stays; it is empty of branches, and the next branch reuses it
        }
    }

    /** Removes a branch or snapshot directory and its tablespaces; succeeds if they are gone. */
    private static void remove(Path dir) {
        for (Path p : List.of(dir, tablespaces(dir))) {
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Processes.Result r = Processes.run(List.of("rm", "-rf", "--one-file-system", p.toString()), Map.of(), null, 600);
                if (!r.ok()) {
                    throw new FoldoutException("could not remove " + p + ": " + Processes.lastLines(r.output(), 2).replace('\n', ' ')
                            + " - stop what uses it, then delete the branch again");
                }
            }
        }
    }

    /** The branch's directory, refused unless it lies directly in a {@code *.foldout} directory, as every branch does. */
    private static Path requireInContainer(String location) {
        Path target = Path.of(location).normalize();
        Path parent = target.getParent();
        if (!target.isAbsolute() || parent == null || parent.getFileName() == null
                || !parent.getFileName().toString().endsWith(CONTAINER_SUFFIX)) {
            throw new FoldoutException("refusing to act on " + location + ": a reflink-cluster branch lives in a directory "
                    + "named DATA" + CONTAINER_SUFFIX + " beside its parent's data directory - check the catalog entry");
        }
        return target;
    }

    @Override
    public List<String> health() {
        return List.of();
    }

    @Override
    public void label(String location, Map<String, String> labels) {
        // a plain directory has no place for labels: the catalog holds them
    }

    /** Where branches of {@code dataDir} go: beside it, or, for a branch, beside that branch. */
    static Path container(Path dataDir) {
        Path abs = dataDir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent.getFileName().toString().endsWith(CONTAINER_SUFFIX) && Files.exists(parent.resolve(CONTAINER_MARK))) {
            return parent;
        }
        return abs.resolveSibling(abs.getFileName() + CONTAINER_SUFFIX);
    }

    private static Path tablespaces(Path target) {
        return target.resolveSibling(target.getFileName() + "_tblspc");
    }
}
