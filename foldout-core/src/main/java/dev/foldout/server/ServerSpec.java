package dev.foldout.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to make and run one PostgreSQL cluster. Build one with {@link #builder(PostgresBinaries, Path)}.
 *
 * @param binaries      the server binaries
 * @param directory     the instance's own directory: it holds {@code data/} (PGDATA) and {@code server.log}
 * @param port          the port to listen on; 0 picks a free one at each start
 * @param listenAddress the address to listen on; {@code 127.0.0.1} unless asked otherwise
 * @param superuser     the superuser role made by initdb
 * @param password      its password (scram-sha-256 authentication for every connection)
 * @param settings      extra server settings written to {@code foldout.conf}
 * @param account       the operating-system account the server runs as
 * @param startTimeout  how long a start may take before it counts as failed
 * @param unixSocket    whether the server also listens on a Unix-domain socket in {@code socket/}, a directory only
 *                      its OS account (and root) may enter, where the superuser logs in without a password from the
 *                      server's account and the one that started it (see {@code SocketAccess}); false: TCP only
 */
public record ServerSpec(PostgresBinaries binaries, Path directory, int port, String listenAddress, String superuser,
                           String password, Map<String, String> settings, OsAccount account, Duration startTimeout,
                           boolean unixSocket) {

    /** Validates the record. */
    public ServerSpec {
        Objects.requireNonNull(binaries, "binaries");
        directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (pick one) or 1..65535, was " + port);
        }
        Objects.requireNonNull(listenAddress, "listenAddress");
        if (!listenAddress.matches("[A-Za-z0-9.:*,_-]+")) {
            throw new IllegalArgumentException("not a listen address: '" + listenAddress + "'");
        }
        if (!superuser.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("superuser must be a plain lower-case name, was '" + superuser + "'");
        }
        if (password.isEmpty() || password.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("password must be one non-empty line");
        }
        settings = Map.copyOf(settings);
        for (String key : settings.keySet()) {
            if (!key.matches("[a-z_][a-z0-9_.]*")) {
                throw new IllegalArgumentException("not a server setting name: '" + key + "'");
            }
        }
        Objects.requireNonNull(account, "account");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
    }

    /** The superuser initdb makes unless told otherwise. */
    public static final String DEFAULT_SUPERUSER = "postgres";

    /** A builder for a cluster in {@code directory}: free port, localhost only, superuser postgres. */
    public static Builder builder(PostgresBinaries binaries, Path directory) {
        return new Builder(binaries, directory);
    }

    /** PGDATA. */
    public Path dataDirectory() {
        return dataDirectoryOf(directory);
    }

    /** PGDATA of the instance whose own directory is {@code directory}. */
    public static Path dataDirectoryOf(Path directory) {
        return directory.resolve("data");
    }

    /** The directory of the server's Unix-domain socket, when {@link #unixSocket()}. */
    public Path socketDirectory() {
        return directory.resolve("socket");
    }

    /** The server's log file. */
    public Path logFile() {
        return directory.resolve("server.log");
    }

    /** Builds an {@link ServerSpec}. */
    public static final class Builder {
        private final PostgresBinaries binaries;
        private final Path directory;
        private int port;
        private String listenAddress = "127.0.0.1";
        private String superuser = DEFAULT_SUPERUSER;
        private String password = "postgres";
        private final Map<String, String> settings = new LinkedHashMap<>();
        private OsAccount account = OsAccount.forServer();
        private Duration startTimeout = Duration.ofSeconds(60);
        private boolean unixSocket;

        private Builder(PostgresBinaries binaries, Path directory) {
            this.binaries = Objects.requireNonNull(binaries, "binaries");
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** A fixed port; 0 picks a free one at each start. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The address to listen on. */
        public Builder listenAddress(String value) {
            this.listenAddress = value;
            return this;
        }

        /** The superuser's name. */
        public Builder superuser(String value) {
            this.superuser = value;
            return this;
        }

        /** The superuser's password. */
        public Builder password(String value) {
            this.password = value;
            return this;
        }

        /** A server setting, e.g. {@code setting("file_copy_method", "clone")}. */
        public Builder setting(String name, String value) {
            this.settings.put(name, value);
            return this;
        }

        /** The account the server runs as. */
        public Builder account(OsAccount value) {
            this.account = value;
            return this;
        }

        /** How long a start may take. */
        public Builder startTimeout(Duration value) {
            this.startTimeout = value;
            return this;
        }

        /** Whether the server also listens on a Unix-domain socket for its OS account (see the record). */
        public Builder unixSocket(boolean value) {
            this.unixSocket = value;
            return this;
        }

        /** Builds the spec. */
        public ServerSpec build() {
            return new ServerSpec(binaries, directory, port, listenAddress, superuser, password, settings, account, startTimeout,
                    unixSocket);
        }
    }
}
