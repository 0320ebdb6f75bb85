package dev.foldout.internal.ops;

import dev.foldout.internal.Fixes;
import dev.foldout.internal.sql.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Directories under the data directory's {@code base/} that no database owns: a server that stopped (crashed, or was
 * killed) during CREATE DATABASE leaves the new database's files behind, and PostgreSQL never removes them. One counts
 * only when nothing in it was written since the server last started: a CREATE DATABASE running now has its directory
 * before its catalog row is visible, and its files are newer than that.
 */
public final class OrphanedDirectories {
    private OrphanedDirectories() {
    }

    /** One such directory and the bytes its files hold. */
    public record Orphan(Path path, long bytes) {
    }

    /**
     * One line per orphaned directory of the session's server (none when its data directory is not on this host):
     * removed when {@code remove} and the role is a superuser, else reported with the command that removes it.
     */
    public static List<String> repair(dev.foldout.internal.Session s, boolean remove) {
        if (s.dataDirectory().isEmpty()) {
            return List.of();
        }
        return s.read("looking for directories no database owns", c -> {
            boolean superuser = Jdbc.queryOne(c, "select rolsuper from pg_catalog.pg_roles where rolname = current_user",
                    rs -> rs.getBoolean(1)).orElse(false);
            List<String> lines = new ArrayList<>();
            for (Orphan o : find(c, s.dataDirectory().get())) {
                String what = o.path() + " (" + o.bytes() / (1024 * 1024) + " MB), which no database owns (left by a server "
                        + "that stopped during CREATE DATABASE)";
                if (remove && superuser) {
                    remove(o);
                    lines.add("removed " + what);
                } else {
                    lines.add("found " + what + ": " + (superuser ? "" : "a superuser's ")
                            + Fixes.REPAIR_FILES + " removes it");
                }
            }
            return lines;
        });
    }

    /** The orphaned directories of the server whose data directory is {@code dataDir}, reached through {@code c}. */
    public static List<Orphan> find(Connection c, Path dataDir) throws SQLException {
        Path base = dataDir.resolve("base");
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        Set<String> owned = new HashSet<>(Jdbc.query(c, "select oid::text from pg_catalog.pg_database", rs -> rs.getString(1)));
        Instant started = Jdbc.queryOne(c, "select pg_catalog.pg_postmaster_start_time()",
                rs -> rs.getTimestamp(1).toInstant()).orElseThrow();
        List<Orphan> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(base)) {
            for (Path dir : dirs.sorted().toList()) {
                String name = dir.getFileName().toString();
                if (!name.matches("\\d{1,10}") || owned.contains(name) || !Files.isDirectory(dir)) {
                    continue;
                }
                long[] sizeAndNewest = sizeAndNewest(dir);
                if (sizeAndNewest[1] < started.toEpochMilli()) {
                    out.add(new Orphan(dir, sizeAndNewest[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + base + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Removes {@code orphan}'s directory and everything in it. */
    public static void remove(Orphan orphan) {
        try (Stream<Path> all = Files.walk(orphan.path())) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + orphan.path() + ": " + e.getMessage(), e);
        }
    }

    /** The total size of the files under {@code dir}, and the newest modification time (ms) of it or anything in it. */
    private static long[] sizeAndNewest(Path dir) {
        long[] out = {0, 0};
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out[0] += a.isRegularFile() ? a.size() : 0;
                out[1] = Math.max(out[1], a.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
