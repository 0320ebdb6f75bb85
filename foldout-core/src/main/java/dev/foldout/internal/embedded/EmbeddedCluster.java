package dev.foldout.internal.embedded;

import dev.foldout.ConnectionUrl;
import dev.foldout.FoldoutException;
import dev.foldout.server.FoldoutHome;
import dev.foldout.server.ServerSpec;
import dev.foldout.server.PostgresBinaries;
import dev.foldout.server.PostgresServer;
import dev.foldout.server.PostmasterPid;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Foldout's own cluster under {@link FoldoutHome#dir()}{@code /embedded}: made with the binaries jar on first
 * use, started when it is not running, and left running for the next call. A file lock keeps two processes
 * from making or starting it at once. Its superuser's password is kept in {@code embedded.password} (0600).
 */
public final class EmbeddedCluster {
    private static final String DIRECTORY = "embedded";
    private static final String PASSWORD_FILE = "embedded.password";

    private EmbeddedCluster() {
    }

    /** Starts the cluster if needed and returns where to connect to its {@code postgres} database. */
    public static ConnectionUrl startOrReuse() {
        return instance(true).url("postgres");
    }

    /**
     * Where to connect to the cluster's {@code postgres} database when it runs already; empty otherwise. Nothing is
     * started, made or unpacked: this reads {@code postmaster.pid} and the password file, and checks that the server
     * answers where the first says (every CLI command that connects asks this first).
     */
    public static Optional<ConnectionUrl> ifRunning() {
        Path home = FoldoutHome.dir();
        return PostmasterPid.read(ServerSpec.dataDirectoryOf(home.resolve(DIRECTORY)))
                .filter(PostmasterPid::answers)
                .flatMap(pid -> readPassword(home).map(pw -> new ConnectionUrl(pid.host(), pid.port(), "postgres",
                        ServerSpec.DEFAULT_SUPERUSER, pw, java.util.Map.of())));
    }

    /**
     * The cluster's Unix-domain socket file when it runs with one (see {@link ServerSpec#unixSocket()}): connections
     * through it skip the password exchange, the costliest step of a first connection.
     */
    public static Optional<Path> socketFile() {
        return PostmasterPid.read(ServerSpec.dataDirectoryOf(FoldoutHome.dir().resolve(DIRECTORY)))
                .flatMap(PostmasterPid::socketFile);
    }

    /** The embedded cluster's instance; started if {@code start} is set, else only described. */
    public static PostgresServer instance(boolean start) {
        Path home = FoldoutHome.dir();
        try {
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (FileChannel ch = FileChannel.open(home.resolve("embedded.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                PostgresBinaries binaries = PostgresBinaries.fromClasspath(home.resolve("binaries"));
                ServerSpec.Builder spec = ServerSpec.builder(binaries, home.resolve(DIRECTORY)).password(password(home))
                        .unixSocket(true);
                if (binaries.majorVersion() >= 18) {
                    spec.setting("file_copy_method", "clone");
                }
                if (binaries.majorVersion() >= 17) {
                    spec.setting("summarize_wal", "on");
                }
                PostgresServer instance = PostgresServer.of(spec.build());
                return start ? instance.start() : instance;
            }
        } catch (IOException e) {
            throw new FoldoutException("could not prepare the embedded cluster in " + home + ": " + e.getMessage()
                    + " - check that the directory is writable, or set FOLDOUT_HOME to another one", e);
        }
    }

    /** The file that holds the superuser's password (0600), made with the cluster. */
    public static Path passwordFile() {
        return FoldoutHome.dir().resolve(PASSWORD_FILE);
    }

    private static Optional<String> readPassword(Path home) {
        try {
            return Optional.of(Files.readString(home.resolve(PASSWORD_FILE), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty(); // made with the cluster: without it, the cluster is not one Foldout made here
        }
    }

    private static String password(Path home) throws IOException {
        Path file = home.resolve(PASSWORD_FILE);
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        String pw = HexFormat.of().formatHex(bytes);
        Files.writeString(file, pw + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return pw;
    }
}
