package dev.foldout.internal.cow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removes a directory tree without following links (a tablespace link is removed, never what it points at). */
public final class Trees {
    private Trees() {
    }

    /** Deletes {@code root} and everything below it; with {@code keepRoot}, only what is below it. */
    public static void delete(Path root, boolean keepRoot) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (!keepRoot || !p.equals(root)) {
                Files.deleteIfExists(p);
            }
        }
    }
}
