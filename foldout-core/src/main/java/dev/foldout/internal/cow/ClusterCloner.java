package dev.foldout.internal.cow;

import dev.foldout.FoldoutException;
import dev.foldout.NotSupportedException;
import dev.foldout.ProgressListener;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.spi.CutSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clones a running cluster's data directory by reflink, online and crash-consistent: a non-exclusive base backup
 * ({@code pg_backup_start} with an immediate checkpoint) during which every file is cloned with {@code FICLONE}
 * except what a base backup leaves out, then {@code pg_backup_stop} on the same session, then the WAL (so every
 * segment from the backup's start to its stop is there), then the {@code backup_label} and {@code tablespace_map}
 * it returned. A server started on the clone recovers from the backup's checkpoint to a consistent state.
 * Tablespaces outside the data directory are cloned next to the target ({@code <target>_tblspc/<oid>}) and the
 * clone's links point there. A failure ends the backup and removes everything made; the source is never written.
 */
public final class ClusterCloner {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCloner.class);
    private static final Pattern START_FILE = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");

    private ClusterCloner() {
    }

    /**
     * Clones the cluster in {@code sourceDataDir}, which runs and is reached by {@code superuser} (a superuser, or a
     * role allowed to run {@code pg_backup_start}/{@code pg_backup_stop}; PostgreSQL 15+), into {@code targetDataDir}
     * (must not exist, or be empty; its parent must exist), on the same reflink file system. The clone's files get
     * the owners and permissions of the source's. The connection is used for the backup and left open.
     *
     * @throws NotSupportedException if the file system cannot clone, or the target is on another file system
     * @throws FoldoutException      on any other failure; nothing is left behind and the backup is ended
     */
    public static ClusterCloneReport cloneRunning(Connection superuser, Path sourceDataDir, Path targetDataDir,
                                                  ProgressListener progress) {
        long t0 = System.nanoTime();
        Path source = sourceDataDir.toAbsolutePath().normalize();
        Path target = targetDataDir.toAbsolutePath().normalize();
        String what = "cloning the cluster in " + source + " to " + target;
        checkDirectories(source, target);
        try {
            checkServer(superuser, source);
            List<Tablespaces.Entry> spaces = Tablespaces.plan(source, target);
            boolean targetExisted = Files.isDirectory(target);
            try {
                return cloneChecked(superuser, source, target, spaces, progress, t0);
            } catch (IOException | SQLException | RuntimeException e) {
                cleanUp(target, targetExisted, spaces, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, what, "the server of " + source);
        } catch (IOException e) {
            throw new FoldoutException(what + " failed: " + e + " - check the permissions and free space there", e);
        }
    }

    /**
     * Clones {@code snapshotDir}, a clone made by {@link #cloneRunning} and never started (its {@code backup_label} and
     * WAL make it recover to a consistent state), into {@code targetDataDir} on the same reflink file system. It must
     * hold no tablespace outside itself. {@code lsn} is the snapshot's WAL position, reported as the clone's.
     *
     * @throws NotSupportedException if the file system cannot clone, or the snapshot has tablespaces
     * @throws FoldoutException      on any other failure; nothing is left behind
     */
    public static ClusterCloneReport cloneSnapshot(Path snapshotDir, Path targetDataDir, dev.foldout.Lsn lsn,
                                                   ProgressListener progress) {
        long t0 = System.nanoTime();
        Path source = snapshotDir.toAbsolutePath().normalize();
        Path target = targetDataDir.toAbsolutePath().normalize();
        checkDirectories(source, target);
        boolean targetExisted = Files.isDirectory(target);
        try {
            if (!Files.isRegularFile(source.resolve("backup_label")) || Files.exists(source.resolve("tablespace_map"))) {
                throw new NotSupportedException("cannot branch from " + source + ": it is not a snapshot without tablespaces "
                        + "(a backup_label and no tablespace_map) - make a branch of the running branch instead");
            }
            Files.createDirectories(target);
            FileOwner.of(source).applyTo(target);
            progress.step("cloning the snapshot " + source + " to " + target);
            Phases phases = new Phases();
            List<TreeClone.Result> parts = List.of(TreeClone.cloneTree(source, target));
            phases.done("clone");
            Ficlone.syncFileSystem(target);
            phases.done("syncfs");
            return report(target, List.of(), parts, lsn, new BackupSession.Stop(lsn, "", ""), Optional.empty(), t0, phases);
        } catch (IOException | RuntimeException e) {
            cleanUp(target, targetExisted, List.of(), e);
            if (e instanceof FoldoutException fe) {
                throw fe;
            }
            throw new FoldoutException("cloning the snapshot " + source + " to " + target + " failed: " + e
                    + " - check the permissions and free space there", e);
        }
    }

    private static ClusterCloneReport cloneChecked(Connection c, Path source, Path target, List<Tablespaces.Entry> spaces,
                                                   ProgressListener progress, long t0) throws IOException, SQLException {
        Files.createDirectories(target);
        FileOwner.of(source).applyTo(target);
        Optional<String> noClone = Ficlone.probe(target);
        if (noClone.isPresent()) {
            throw new NotSupportedException("cannot clone " + source + " to " + target + " by reflink: " + noClone.get());
        }
        List<TreeClone.Result> parts = new ArrayList<>();
        BackupSession.Stop stop;
        progress.step("starting a base backup of " + source);
        Phases phases = new Phases();
        try (BackupSession backup = BackupSession.start(c, label(target))) {
            // after the backup's start (the cut) and before pg_backup_stop, whose WAL switch writes every commit
            // record the snapshot counts as ended: see CutSnapshot
            CutSnapshot transactions = CutSnapshot.take(c);
            phases.done("pg_backup_start");
            progress.step("cloning " + source + " to " + target);
            parts.add(TreeClone.cloneTree(source, target, new DataDirectoryRule()));
            for (Tablespaces.Entry t : spaces) {
                Files.createDirectories(t.target().getParent());
                FileOwner.of(source).applyTo(t.target().getParent());
                parts.add(TreeClone.cloneTree(t.source(), t.target(), (rel, attrs) -> rel.getFileName().toString()
                        .startsWith("pgsql_tmp") ? TreeClone.Action.SKIP : TreeClone.Action.CLONE));
                Path link = target.resolve("pg_tblspc").resolve(t.oid());
                Files.createSymbolicLink(link, t.target());
                FileOwner.of(source.resolve("pg_tblspc").resolve(t.oid())).applyTo(link);
            }
            phases.done("clone");
            progress.step("stopping the base backup");
            stop = backup.stop();
            phases.done("pg_backup_stop");
            progress.step("cloning the WAL of " + source);
            parts.add(cloneWal(source, target));
            writeLabel(source, target, "backup_label", stop.label());
            if (!spaces.isEmpty()) {
                writeLabel(source, target, "tablespace_map", Tablespaces.map(spaces));
            }
            requireSegment(target, walFileOfLabel(stop.label()), "the backup's start");
            requireSegment(target, Jdbc.string(c, "select pg_walfile_name(?::pg_lsn)", stop.lsn().toString()), "the backup's stop");
            phases.done("WAL and label");
            Ficlone.syncFileSystem(target);
            phases.done("syncfs");
            return report(target, spaces, parts, backup.start(), stop, Optional.of(transactions), t0, phases);
        }
    }

    private static ClusterCloneReport report(Path target, List<Tablespaces.Entry> spaces, List<TreeClone.Result> parts,
                                             dev.foldout.Lsn start, BackupSession.Stop stop,
                                             Optional<CutSnapshot> transactions, long t0, Phases phases) {
        int files = 0;
        long bytes = 0;
        List<Path> cloned = new java.util.ArrayList<>();
        for (TreeClone.Result r : parts) {
            files += r.files();
            bytes += r.bytes();
            cloned.addAll(r.cloned());
        }
        SharedExtents.Verdict v = SharedExtents.measure(cloned, bytes);
        ClusterCloneReport report = new ClusterCloneReport(target, spaces.stream().map(Tablespaces.Entry::target).toList(),
                files, bytes, v.sharedBytes(), v.kind() == SharedExtents.Kind.COPIED,
                Duration.ofNanos(System.nanoTime() - t0), start, stop.lsn(), transactions);
        phases.done("FIEMAP check");
        LOG.info("{} to {} (backup {} .. {}; {})", report.describe(), target, start, stop.lsn(), phases);
        return report;
    }

    private static TreeClone.Result cloneWal(Path source, Path target) throws IOException {
        Path wal = source.resolve("pg_wal").toRealPath();
        Path to = target.resolve("pg_wal");
        if (!Files.isDirectory(to)) {
            Files.createDirectory(to);
        }
        return TreeClone.cloneTree(wal, to, DataDirectoryRule.wal());
    }

    private static void writeLabel(Path source, Path target, String name, String content) throws IOException {
        Path file = target.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        FileOwner owner = FileOwner.of(source.resolve("PG_VERSION"));
        new FileOwner(owner.uid(), owner.gid(), 0600).applyTo(file);
    }

    private static String walFileOfLabel(String label) {
        Matcher m = START_FILE.matcher(label);
        if (!m.find()) {
            throw new FoldoutException("pg_backup_stop returned a backup_label without a START WAL LOCATION line (its first line: "
                    + label.lines().findFirst().orElse("") + "): this PostgreSQL is not one Foldout knows - report it");
        }
        return m.group(1);
    }

    private static void requireSegment(Path target, String segment, String what) {
        if (!Files.isRegularFile(target.resolve("pg_wal").resolve(segment))) {
            throw new FoldoutException("the clone in " + target + " lacks WAL segment " + segment + ", which holds " + what
                    + ": the server removed or recycled it while the clone ran - run again (a checkpoint came in between)");
        }
    }

    private static String label(Path target) {
        String label = "foldout clone to " + target;
        return label.length() > 1000 ? label.substring(0, 1000) : label;
    }

    private static void checkDirectories(Path source, Path target) {
        if (!Files.isRegularFile(source.resolve("PG_VERSION")) || !Files.isRegularFile(source.resolve("global/pg_control"))) {
            throw new FoldoutException(source + " is not a PostgreSQL data directory (no PG_VERSION or global/pg_control) "
                    + "- pass the directory the server runs on (SHOW data_directory)");
        }
        if (target.startsWith(source) || source.startsWith(target)) {
            throw new FoldoutException("cannot clone " + source + " to " + target + ": one lies inside the other - choose a "
                    + "target directory outside the data directory");
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new FoldoutException("cannot clone " + source + " to " + target + ": the parent directory "
                    + target.getParent() + " does not exist - create it first");
        }
        try {
            if (Files.exists(target) && (!Files.isDirectory(target) || Files.list(target).findAny().isPresent())) {
                throw new FoldoutException("cannot clone " + source + " to " + target + ": the target exists and is not an "
                        + "empty directory - remove it or choose another");
            }
        } catch (IOException e) {
            throw new FoldoutException("cannot read the target directory " + target + ": " + e.getMessage(), e);
        }
    }

    private static void checkServer(Connection c, Path source) throws SQLException, IOException {
        int version = Integer.parseInt(Jdbc.string(c, "show server_version_num"));
        if (version < 150000) {
            throw new NotSupportedException("cannot clone the running cluster in " + source + ": PostgreSQL " + version / 10000
                    + " has no pg_backup_start (PostgreSQL 15 or newer is needed) - stop the server and copy it, or upgrade");
        }
        long server = Long.parseLong(Jdbc.string(c, "select system_identifier::text from pg_control_system()"));
        byte[] control = new byte[8];
        try (var in = Files.newInputStream(source.resolve("global/pg_control"))) {
            if (in.readNBytes(control, 0, 8) != 8) {
                throw new FoldoutException(source.resolve("global/pg_control") + " is truncated - is this a data directory?");
            }
        }
        long onDisk = ByteBuffer.wrap(control).order(ByteOrder.nativeOrder()).getLong();
        if (onDisk != server) {
            throw new FoldoutException("the connection leads to the cluster with system identifier " + Long.toUnsignedString(server)
                    + ", but " + source + " holds the cluster " + Long.toUnsignedString(onDisk)
                    + " - connect to the server that runs on that data directory");
        }
    }

    private static void cleanUp(Path target, boolean targetExisted, List<Tablespaces.Entry> spaces, Exception cause) {
        try {
            Trees.delete(target, targetExisted);
            if (!spaces.isEmpty()) {
                Trees.delete(Tablespaces.root(target), false);
            }
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
