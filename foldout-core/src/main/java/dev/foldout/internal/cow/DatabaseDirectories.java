package dev.foldout.internal.cow;

import dev.foldout.FoldoutException;
import dev.foldout.internal.sql.Jdbc;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the files of one database live: a directory named by its OID in {@code base/} and in the version directory
 * ({@code PG_<major>_<catalog version>}) of every other tablespace that holds some of its relations.
 */
public final class DatabaseDirectories {

    /**
     * A directory of the source database and the same place for the target.
     *
     * @param source the source's directory, e.g. {@code base/16384}
     * @param target the target's directory in the same tablespace, e.g. {@code base/16390}
     */
    public record Pair(Path source, Path target) {
    }

    private DatabaseDirectories() {
    }

    /**
     * The directories of database {@code sourceOid}, paired with those of {@code targetOid}, on a server of major
     * version {@code major} (its tablespaces' version directories are named by it).
     */
    public static List<Pair> of(Connection c, Path dataDir, int major, long sourceOid, long targetOid) throws SQLException {
        List<Long> spaces = Jdbc.query(c, "select oid::bigint from pg_tablespace where spcname <> 'pg_global' order by oid",
                rs -> rs.getLong(1));
        List<Pair> out = new ArrayList<>();
        for (long spc : spaces) {
            Path dir = spc == 1663 ? dataDir.resolve("base") : versionDirectory(dataDir.resolve("pg_tblspc").resolve(Long.toString(spc)), major);
            if (dir != null && Files.isDirectory(dir.resolve(Long.toString(sourceOid)))) {
                out.add(new Pair(dir.resolve(Long.toString(sourceOid)), dir.resolve(Long.toString(targetOid))));
            }
        }
        return out;
    }

    /** The directories that hold files of database {@code oid}. */
    public static List<Path> of(Connection c, Path dataDir, int major, long oid) throws SQLException {
        return of(c, dataDir, major, oid, oid).stream().map(Pair::source).toList();
    }

    private static Path versionDirectory(Path tablespace, int major) {
        if (!Files.isDirectory(tablespace)) {
            return null;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tablespace, "PG_" + major + "_*")) {
            Path found = null;
            for (Path e : entries) {
                if (found != null) {
                    throw new FoldoutException("tablespace " + tablespace + " holds two directories for PostgreSQL " + major
                            + " (" + found.getFileName() + ", " + e.getFileName() + ") - remove the one left by an old cluster");
                }
                found = e;
            }
            return found;
        } catch (IOException e) {
            throw new FoldoutException("cannot read tablespace directory " + tablespace + ": " + e.getMessage(), e);
        }
    }
}
