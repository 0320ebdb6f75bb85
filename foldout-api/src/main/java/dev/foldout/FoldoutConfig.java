package dev.foldout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Foldout} connects and behaves. Build one with {@link #builder()}.
 *
 * @param url              the server, credentials and default database
 * @param backend          the backend to use for snapshots and branches; empty picks the best available
 * @param dataPath         where the server's data directory is visible from this host, when it differs from
 *                         {@code SHOW data_directory} (a server in a container); empty: ask the server
 * @param terminateTimeout how long a forced operation waits for terminated sessions to go away
 * @param connectTimeout   how long to wait for the server to answer a connection attempt
 * @param progress         told of each step of long operations
 * @param localSocket      the server's Unix-domain socket file ({@code .s.PGSQL.<port>}), when Foldout runs on the
 *                         server's host: Foldout's own connections to the URL's server go through it instead of TCP,
 *                         and through TCP again if it cannot be reached; empty: TCP only
 */
public record FoldoutConfig(ConnectionUrl url, String backend, Optional<Path> dataPath, Duration terminateTimeout,
                            Duration connectTimeout, ProgressListener progress, Optional<Path> localSocket) {

    /** Validates the record; rejects impossible values instead of clamping them. */
    public FoldoutConfig {
        Objects.requireNonNull(url, "url");
        backend = Objects.requireNonNullElse(backend, "");
        Objects.requireNonNull(dataPath, "dataPath");
        requirePositive("terminateTimeout", terminateTimeout);
        requirePositive("connectTimeout", connectTimeout);
        if (connectTimeout.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout is too large: " + connectTimeout);
        }
        Objects.requireNonNull(progress, "progress");
        localSocket = Objects.requireNonNullElse(localSocket, Optional.empty());
    }

    /** A configuration that connects through TCP only. */
    public FoldoutConfig(ConnectionUrl url, String backend, Optional<Path> dataPath, Duration terminateTimeout,
                         Duration connectTimeout, ProgressListener progress) {
        this(url, backend, dataPath, terminateTimeout, connectTimeout, progress, Optional.empty());
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** A builder with the defaults: best backend, 10 s timeouts, no progress display. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.backend = backend;
        b.dataPath = dataPath.orElse(null);
        b.terminateTimeout = terminateTimeout;
        b.connectTimeout = connectTimeout;
        b.progress = progress;
        b.localSocket = localSocket.orElse(null);
        return b;
    }

    /** Builds a {@link FoldoutConfig}; each setter checks its value at once. */
    public static final class Builder {
        private ConnectionUrl url;
        private String backend = "";
        private Path dataPath;
        private Duration terminateTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private ProgressListener progress = ProgressListener.NONE;
        private Path localSocket;

        private Builder() {
        }

        /** The server as a JDBC URL or a libpq URI; see {@link ConnectionUrl#parse(String)}. */
        public Builder url(String text) {
            this.url = ConnectionUrl.parse(text);
            return this;
        }

        /** The server as a parsed URL. */
        public Builder url(ConnectionUrl parsed) {
            this.url = Objects.requireNonNull(parsed, "url");
            return this;
        }

        /** Uses the named backend (e.g. {@code template}) instead of picking one. */
        public Builder backend(String name) {
            this.backend = Objects.requireNonNull(name, "backend");
            return this;
        }

        /** Where the server's data directory is visible from this host. */
        public Builder dataPath(Path path) {
            this.dataPath = Objects.requireNonNull(path, "dataPath");
            return this;
        }

        /** How long a forced operation waits for terminated sessions to go away. */
        public Builder terminateTimeout(Duration timeout) {
            requirePositive("terminateTimeout", timeout);
            this.terminateTimeout = timeout;
            return this;
        }

        /** How long to wait for the server to answer a connection attempt. */
        public Builder connectTimeout(Duration timeout) {
            requirePositive("connectTimeout", timeout);
            this.connectTimeout = timeout;
            return this;
        }

        /** Told of each step of long operations. */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "progress");
            return this;
        }

        /**
         * Connects to the URL's server through its Unix-domain socket file (such as
         * {@code /var/run/postgresql/.s.PGSQL.5432}) instead of TCP; {@code null}: TCP only.
         */
        public Builder localSocket(Path socketFile) {
            this.localSocket = socketFile;
            return this;
        }

        /** Builds the configuration; the URL is required. */
        public FoldoutConfig build() {
            if (url == null) {
                throw new IllegalStateException("FoldoutConfig needs a url: call url(\"postgresql://user@host:port/db\")");
            }
            return new FoldoutConfig(url, backend, Optional.ofNullable(dataPath), terminateTimeout, connectTimeout, progress,
                    Optional.ofNullable(localSocket));
        }
    }
}
