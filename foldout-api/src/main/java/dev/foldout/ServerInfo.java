package dev.foldout;

import java.util.Objects;

/**
 * The PostgreSQL server a {@link Foldout} talks to.
 *
 * @param host           the host connected to
 * @param port           the port connected to
 * @param versionNumber  {@code server_version_num}, e.g. 180001
 * @param version        {@code server_version}, e.g. {@code 18.1}
 * @param user           the role Foldout connects as
 * @param fileCopyMethod {@code file_copy_method} on PostgreSQL 18+ ({@code copy} or {@code clone}), else empty
 */
public record ServerInfo(String host, int port, int versionNumber, String version, String user, String fileCopyMethod) {
    /** Validates the record. */
    public ServerInfo {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(user, "user");
        fileCopyMethod = Objects.requireNonNullElse(fileCopyMethod, "");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }

    /** The major version, e.g. 18. */
    public int majorVersion() {
        return versionNumber / 10000;
    }
}
