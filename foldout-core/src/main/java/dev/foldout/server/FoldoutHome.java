package dev.foldout.server;

import java.nio.file.Path;

/**
 * Where Foldout keeps its own files (extracted PostgreSQL binaries, the embedded cluster):
 * {@code $FOLDOUT_HOME} if set; else {@code ~/.foldout}; but for root {@code /var/lib/foldout}, because the
 * server runs as an unprivileged account that cannot enter root's home directory.
 */
public final class FoldoutHome {
    private FoldoutHome() {
    }

    /** The directory, which may not exist yet. */
    public static Path dir() {
        String configured = System.getenv("FOLDOUT_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        if (OsAccount.isRoot()) {
            return Path.of("/var/lib/foldout");
        }
        return Path.of(System.getProperty("user.home"), ".foldout");
    }
}
