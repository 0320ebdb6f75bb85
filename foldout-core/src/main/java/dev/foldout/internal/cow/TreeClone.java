package dev.foldout.internal.cow;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Clones a directory tree: directories are made, regular files cloned with {@link Ficlone}, symbolic links made
 * again with the same target text; owner, group and permissions follow the source. Entries that vanish while the
 * tree is walked (a running server drops a table) are passed over. Sockets and pipes are left out.
 */
public final class TreeClone {

    /** What to do with one entry of the source tree. */
    public enum Action {
        /** Clone it (a directory: make it and walk into it). */
        CLONE,
        /** A directory made empty: its contents are left out. */
        EMPTY_DIR,
        /** Leave it out entirely. */
        SKIP
    }

    /** Decides per entry; {@code relative} is the entry's path below the source root. */
    @FunctionalInterface
    public interface Rule {
        /** The action for the entry. */
        Action of(Path relative, BasicFileAttributes attributes);
    }

    /**
     * What was cloned.
     *
     * @param files  regular files cloned
     * @param bytes  their total size
     * @param cloned the cloned files in the target
     */
    public record Result(int files, long bytes, List<Path> cloned) {
        /** Validates the record. */
        public Result {
            cloned = List.copyOf(cloned);
        }
    }

    private TreeClone() {
    }

    /** Clones everything under {@code source} into the new or empty directory {@code target}. */
    public static Result cloneTree(Path source, Path target) throws IOException {
        return cloneTree(source, target, (rel, attrs) -> Action.CLONE);
    }

    /** Clones the entries of {@code source} that {@code rule} keeps into the new or empty directory {@code target}. */
    public static Result cloneTree(Path source, Path target, Rule rule) throws IOException {
        List<Path> cloned = new ArrayList<>();
        long[] bytes = {0};
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = source.relativize(dir);
                Action action = rel.toString().isEmpty() ? Action.CLONE : rule.of(rel, attrs);
                if (action == Action.SKIP) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path to = target.resolve(rel.toString());
                if (!Files.isDirectory(to)) {
                    Files.createDirectory(to);
                }
                if (action == Action.EMPTY_DIR) {
                    FileOwner.of(dir).applyTo(to);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = source.relativize(file);
                if (rule.of(rel, attrs) == Action.SKIP) {
                    return FileVisitResult.CONTINUE;
                }
                Path to = target.resolve(rel.toString());
                try {
                    if (attrs.isSymbolicLink()) {
                        Files.createSymbolicLink(to, Files.readSymbolicLink(file));
                        FileOwner.of(file).applyTo(to);
                    } else if (attrs.isRegularFile()) {
                        bytes[0] += Ficlone.cloneFile(file, to);
                        cloned.add(to);
                    }
                } catch (NoSuchFileException vanished) {
                    Files.deleteIfExists(to);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Path to = target.resolve(source.relativize(dir).toString());
                try {
                    FileOwner.of(dir).applyTo(to);
                } catch (NoSuchFileException vanished) {
                    // the source directory went away while it was walked; its clone stays, empty or partial
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new Result(cloned.size(), bytes[0], cloned);
    }
}
