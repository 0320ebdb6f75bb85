package dev.foldout.server;

import dev.foldout.FoldoutException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The operating-system account a PostgreSQL server runs as. PostgreSQL refuses to run as root, so a
 * process running as root starts the server as an unprivileged account (by default {@code postgres},
 * or {@code $FOLDOUT_OS_USER}) through {@code runuser}, and hands it the files it must own.
 *
 * @param name the account the server runs as; empty: the current account (no switch)
 */
public record OsAccount(String name) {
    /** Validates the record. */
    public OsAccount {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*|")) {
            throw new IllegalArgumentException("not an account name: '" + name + "'");
        }
    }

    /** The current account when it is not root; otherwise {@code $FOLDOUT_OS_USER} or {@code postgres}. */
    public static OsAccount forServer() {
        if (!isRoot()) {
            return new OsAccount("");
        }
        String configured = System.getenv("FOLDOUT_OS_USER");
        return new OsAccount(configured == null || configured.isBlank() ? "postgres" : configured.strip());
    }

    /** Whether this process runs as root (uid 0). */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the name
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** Whether the server runs as another account than this process. */
    public boolean switches() {
        return !name.isEmpty();
    }

    /** The command, prefixed so that it runs as this account. */
    public List<String> command(List<String> command) {
        if (!switches()) {
            return command;
        }
        List<String> full = new ArrayList<>(List.of("runuser", "-u", name, "--"));
        full.addAll(command);
        return full;
    }

    /** Checks that the account exists; the message says how to create it. */
    public void requireExists() {
        if (!switches()) {
            return;
        }
        try {
            lookup();
        } catch (IOException e) {
            throw new FoldoutException("PostgreSQL refuses to run as root and the account '" + name + "' it would run as "
                    + "does not exist: create it (useradd --system " + name + ") or set FOLDOUT_OS_USER to another account", e);
        }
    }

    /** Makes this account the owner of a directory tree. */
    public void takeOwnership(Path root) {
        if (!switches()) {
            return;
        }
        try {
            UserPrincipal owner = lookup();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.setOwner(dir, owner);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.setOwner(file, owner);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new FoldoutException("could not give " + root + " to account '" + name + "': " + e.getMessage(), e);
        }
    }

    private UserPrincipal lookup() throws IOException {
        return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
    }
}
