package dev.foldout.spi;

import dev.foldout.Lsn;
import dev.foldout.ProgressListener;

/**
 * The optional capability of an {@link InstanceBackend} that keeps snapshots of its branches (a zfs snapshot, a
 * reflink clone): named snapshots, branches made from them, and the merge bases of its branches. A backend without it
 * makes instance branches that take no snapshot and no merge (their diff and apply still work). Foldout asks for it
 * with {@code instanceof}.
 */
public interface ClusterSnapshots {
    /**
     * Takes a read-only, crash-consistent snapshot named {@code snapshotName} of the running branch cluster at
     * {@code location} (the source), and returns the source's WAL position at it.
     *
     */
    Lsn snapshot(ClusterSource source, String location, String snapshotName);

    /** Whether snapshot {@code snapshotName} of the branch at {@code location} exists. */
    boolean snapshotExists(String location, String snapshotName);

    /** Removes snapshot {@code snapshotName} of the branch at {@code location}; succeeds if it is gone. */
    void destroySnapshot(String location, String snapshotName);

    /**
     * Like {@link InstanceBackend#plan}, for a branch made from snapshot {@code snapshotName} of the branch at
     * {@code location}.
     */
    String planFromSnapshot(String location, String snapshotName, String branchName);

    /**
     * Makes a branch at the planned {@code branchLocation} from snapshot {@code snapshotName} of the branch at
     * {@code location}, whose data directory is {@code dataDirectory}; {@code cutLsn} is the snapshot's WAL position.
     * {@link InstanceBackend#destroy} of the new branch leaves the snapshot alone.
     */
    ClusterCopy copyFromSnapshot(String location, java.nio.file.Path dataDirectory, String snapshotName,
                                 String branchLocation, Lsn cutLsn, ProgressListener progress);
}
