package dev.foldout.internal.diff.locate;

import dev.foldout.Lsn;
import dev.foldout.spi.CutSnapshot;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an instance branch's cluster and its parent's cluster part: what {@link InstancePageScan} needs to find
 * the blocks either side wrote since.
 *
 * @param lsn         the parent cluster's WAL position at the cut ({@code foldout.instances.cut_lsn})
 * @param quietBefore segment files last modified before this were not written since the cut; empty: every file is read
 * @param parent      the parent's cluster
 * @param branch      the branch's cluster
 * @param unusable    why the two clusters' shared past cannot serve this diff (then every table is compared in full);
 *                    empty when it can
 * @param xids        the parent's transactions at the cut ({@code foldout.instances.cut_xids}): only these are compared
 *                    between the two commit logs; empty when not recorded, then every transaction the tables may hold
 */
public record InstanceCut(Lsn lsn, Optional<Instant> quietBefore, Cluster parent, Cluster branch, String unusable,
                          Optional<CutSnapshot> xids) {
    /** Checks the record. */
    public InstanceCut {
        Objects.requireNonNull(xids, "xids");
        Objects.requireNonNull(lsn, "lsn");
        Objects.requireNonNull(quietBefore, "quietBefore");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(unusable, "unusable");
    }

    /**
     * One of the two clusters.
     *
     * @param label   how the diff names it: {@code parent "app"}, {@code branch "feature/x"}
     * @param dataDir its data directory, when it is known on this host
     * @param admin   an auto-commit connection to it (CHECKPOINT), opened by the caller, which closes it; null when
     *                the cut is {@link #unusable}
     */
    public record Cluster(String label, Optional<Path> dataDir, Connection admin) {
        /** Checks the record. */
        public Cluster {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(dataDir, "dataDir");
        }
    }
}
