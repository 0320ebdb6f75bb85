package dev.foldout.spi;

import dev.foldout.CopyReport;
import dev.foldout.Lsn;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A copy of a cluster's data directory made by an {@link InstanceBackend}.
 *
 * @param location      where the backend keeps it (as planned)
 * @param dataDirectory the copy's data directory, ready for a server to start on (after crash recovery)
 * @param cutLsn        the source's WAL position when the copy was cut; pages written after it differ
 * @param report        the copy path taken and its time
 */
public record ClusterCopy(String location, Path dataDirectory, Lsn cutLsn, CopyReport report) {
    /** Validates the record. */
    public ClusterCopy {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(cutLsn, "cutLsn");
        Objects.requireNonNull(report, "report");
    }
}
