package dev.foldout.spi;

import dev.foldout.BackendStatus;
import java.util.List;
import java.util.Map;

/**
 * Copies a whole PostgreSQL cluster's data directory by copy-on-write: the mechanism behind instance branches
 * (a cluster of its own on its own port). Found with {@link java.util.ServiceLoader} and chosen by name
 * ({@code --backend zfs}). Foldout does everything around the copy: it records the plan in its catalog before
 * {@link #copy} is called, starts the server on the copy, allocates its port, and calls {@link #destroy} to
 * delete it or to remove what an interrupted copy left.
 *
 * <p>Every method but {@link #copy} must be idempotent: {@link #destroy} of a location that is partly made or
 * already gone succeeds.
 */
public interface InstanceBackend {

    /** The backend's name, as users select it ({@code --backend NAME}). Lower case, no spaces. */
    String name();

    /** Whether this backend can copy the source's data directory, and if not, why. */
    BackendStatus status(ClusterSource source);

    /**
     * Where the copy of {@code source} for branch {@code branchName} will be made, as an opaque text this backend
     * alone reads back (e.g. the ZFS snapshot and clone names). Nothing is made yet.
     *
     * @throws dev.foldout.NameConflictException if something already occupies that place
     */
    String plan(ClusterSource source, String branchName);

    /**
     * Makes the copy at the planned location: a crash-consistent image of the running source cluster from which
     * PostgreSQL recovers. On failure, removes what it made and throws. A backend should take a {@link CutSnapshot}
     * between reading the cut LSN and the copy point, as its javadoc says, and return it with the copy; without one,
     * the diff of the branch compares every transaction the tables may hold between the two commit logs.
     */
    ClusterCopy copy(ClusterSource source, String location);

    /**
     * Records facts about the branch with the copy, where the storage keeps such labels (ZFS user properties), so
     * that they live with the data: branch name, parent, database, port. Called after each change; may do nothing.
     */
    default void label(String location, Map<String, String> labels) {
    }

    /** Whether the copy at {@code location} exists. */
    boolean exists(String location);

    /** The bytes the copy at {@code location} takes of its own (not shared with its source); 0 if unknown. */
    long sizeBytes(String location);

    /** Removes the copy at {@code location} and everything of it this backend made; succeeds if it is gone. */
    void destroy(String location);

    /** One line per storage this backend uses here, with its health; empty if there is nothing to report. */
    List<String> health();
}
