package dev.foldout.spi;

import dev.foldout.CopyReport;
import dev.foldout.Lsn;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A copy of a cluster's data directory made by an {@link InstanceBackend}.
 *
 * @param location      where the backend keeps it (as planned)
 * @param dataDirectory the copy's data directory, ready for a server to start on (after crash recovery)
 * @param cutLsn        the source's WAL position when the copy was cut; pages written after it differ
 * @param report        the copy path taken and its time
 * @param cutSnapshot   the source's transactions at the cut (see {@link CutSnapshot} for when to take it); empty when
 *                      the backend did not take it: the diff then checks every transaction the tables may hold
 */
public record ClusterCopy(String location, Path dataDirectory, Lsn cutLsn, CopyReport report,
                          Optional<CutSnapshot> cutSnapshot) {
    /** Validates the record. */
    public ClusterCopy {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(cutLsn, "cutLsn");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(cutSnapshot, "cutSnapshot (Optional.empty() when not taken)");
    }

    /** A copy whose cut snapshot was not taken (as backends made before {@link CutSnapshot} existed return). */
    public ClusterCopy(String location, Path dataDirectory, Lsn cutLsn, CopyReport report) {
        this(location, dataDirectory, cutLsn, report, Optional.empty());
    }
}
