package dev.foldout.spi;

import dev.foldout.ProgressListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Objects;

/**
 * The running cluster an {@link InstanceBackend} copies.
 *
 * @param dataDirectory the cluster's data directory on this host
 * @param connection    a superuser connection to the running cluster, in auto-commit mode; owned by Foldout
 * @param progress      told of each step
 */
public record ClusterSource(Path dataDirectory, Connection connection, ProgressListener progress) {
    /** Validates the record. */
    public ClusterSource {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(progress, "progress");
    }
}
