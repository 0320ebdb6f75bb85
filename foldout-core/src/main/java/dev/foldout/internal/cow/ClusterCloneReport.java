package dev.foldout.internal.cow;

import dev.foldout.Lsn;
import dev.foldout.spi.CutSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ClusterCloner#cloneRunning} made.
 *
 * @param targetDataDir  the clone's data directory
 * @param tablespaces    where the tablespaces outside the source's data directory were cloned (empty: none)
 * @param files          regular files cloned (data directory, WAL and tablespaces)
 * @param bytes          their total size
 * @param sharedBytes    bytes of the clones' extents the file system reports as shared (FIEMAP); -1 when it
 *                       cannot say (no FIEMAP, e.g. zfs-fuse)
 * @param fellBackToCopy whether the file system reports no shared extent at all: it copied the data
 * @param elapsed        wall-clock time of the whole call
 * @param backupStart    the backup's start LSN ({@code pg_backup_start}): recovery of the clone starts at its checkpoint
 * @param backupStop     the backup's stop LSN ({@code pg_backup_stop}): the clone is consistent once it replayed to here
 * @param cutSnapshot    the source's transactions, taken right after {@code pg_backup_start} returned; empty for a
 *                       clone of a snapshot directory
 */
public record ClusterCloneReport(Path targetDataDir, List<Path> tablespaces, int files, long bytes, long sharedBytes,
                                 boolean fellBackToCopy, Duration elapsed, Lsn backupStart, Lsn backupStop,
                                 Optional<CutSnapshot> cutSnapshot) {
    /** Validates the record. */
    public ClusterCloneReport {
        Objects.requireNonNull(targetDataDir, "targetDataDir");
        tablespaces = List.copyOf(tablespaces);
        if (files < 0 || bytes < 0 || sharedBytes < -1) {
            throw new IllegalArgumentException("files, bytes and sharedBytes must not be negative (sharedBytes -1: unknown)");
        }
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(backupStart, "backupStart");
        Objects.requireNonNull(backupStop, "backupStop");
        Objects.requireNonNull(cutSnapshot, "cutSnapshot");
    }

    /** One line for a human: {@code cloned 812 files (1.1 GB) in 95 ms, 1.1 GB shared}. */
    public String describe() {
        String sharing = sharedBytes < 0 ? "sharing not reported by the file system"
                : fellBackToCopy ? "no extent shared: the file system copied the data"
                : mb(sharedBytes) + " shared";
        return "cloned " + files + " files (" + mb(bytes) + ") in " + elapsed.toMillis() + " ms, " + sharing;
    }

    private static String mb(long b) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", b / 1_048_576.0);
    }
}
