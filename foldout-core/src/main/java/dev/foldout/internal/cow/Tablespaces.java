package dev.foldout.internal.cow;

import dev.foldout.FoldoutException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tablespaces of a cluster that live outside its data directory (links in {@code pg_tblspc}), and where their
 * clones go: {@code <target>_tblspc/<oid>}, next to the clone's data directory, never inside the source's locations.
 */
final class Tablespaces {

    /**
     * One tablespace link.
     *
     * @param oid    the tablespace's OID (the link's name)
     * @param source the directory the source's link points at
     * @param target where its clone goes
     */
    record Entry(String oid, Path source, Path target) {
    }

    private Tablespaces() {
    }

    /** The directory that holds the clones of {@code targetDataDir}'s tablespaces. */
    static Path root(Path targetDataDir) {
        return targetDataDir.resolveSibling(targetDataDir.getFileName() + "_tblspc");
    }

    /** The linked tablespaces of {@code sourceDataDir}, each with the place of its clone. */
    static List<Entry> plan(Path sourceDataDir, Path targetDataDir) throws IOException {
        List<Entry> out = new ArrayList<>();
        Path dir = sourceDataDir.resolve("pg_tblspc");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> links = Files.newDirectoryStream(dir)) {
            for (Path link : links) {
                if (Files.isSymbolicLink(link)) {
                    String oid = link.getFileName().toString();
                    out.add(new Entry(oid, link.toRealPath(), root(targetDataDir).resolve(oid)));
                }
            }
        }
        if (!out.isEmpty() && Files.exists(root(targetDataDir))) {
            throw new FoldoutException("cannot clone the tablespaces of " + sourceDataDir + " to " + root(targetDataDir)
                    + ": that directory exists already - remove it or choose another target directory");
        }
        return out;
    }

    /** The {@code tablespace_map} of the clone: each OID with the clone's location. */
    static String map(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e.oid()).append(' ').append(e.target()).append('\n');
        }
        return sb.toString();
    }
}
