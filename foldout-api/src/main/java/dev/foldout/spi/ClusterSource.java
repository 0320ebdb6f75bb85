package dev.foldout.spi;

import dev.foldout.ProgressListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The running cluster an {@link InstanceBackend} copies.
 *
 * @param dataDirectory the cluster's data directory on this host
 * @param connection    a superuser connection to the running cluster, in auto-commit mode; owned by Foldout
 * @param progress      told of each step
 * @param serverVersion the running server's {@code server_version_num} (180001 for 18.1), read once by Foldout
 */
public record ClusterSource(Path dataDirectory, Connection connection, ProgressListener progress, int serverVersion) {
    /** Validates the record. */
    public ClusterSource {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(progress, "progress");
        if (serverVersion < 90000) {
            throw new IllegalArgumentException("serverVersion is a server_version_num such as 180001, was " + serverVersion);
        }
    }

    /** The source of the server {@code connection} leads to, its version read through it. */
    public static ClusterSource of(Path dataDirectory, Connection connection, ProgressListener progress) throws SQLException {
        try (java.sql.Statement st = connection.createStatement();
             java.sql.ResultSet rs = st.executeQuery("show server_version_num")) {
            rs.next();
            return new ClusterSource(dataDirectory, connection, progress, Integer.parseInt(rs.getString(1)));
        }
    }

    /** The server's major version (18 for 18.1). */
    public int majorVersion() {
        return serverVersion / 10000;
    }
}
