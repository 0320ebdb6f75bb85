package dev.foldout.internal.backend.template;

import dev.foldout.FoldoutException;
import dev.foldout.internal.cow.DatabaseDirectories;
import dev.foldout.internal.cow.SharedExtents;
import dev.foldout.internal.sql.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether PostgreSQL 18's clone of a database ({@code file_copy_method = clone}: {@code copy_file_range} on Linux)
 * really shared extents: measured on the new database's files ({@link SharedExtents}), where the data directory is
 * visible from this host. The file system's name only labels the report.
 */
final class FileSystems {
    private FileSystems() {
    }

    /** Whether the clone really shared extents, and a note for the report. */
    record Verdict(boolean cloned, String note) {
    }

    /** The verdict on database {@code target}, just made by a clone, measured through {@code c}'s catalog. */
    static Verdict cloneVerdict(Connection c, Optional<Path> dataDirectory, int major, String target) throws SQLException {
        if (dataDirectory.isEmpty() || !Files.isReadable(dataDirectory.get().resolve("base"))) {
            return new Verdict(true, "file_copy_method = clone; the data directory is not "
                    + (dataDirectory.isEmpty() ? "visible from this host" : "readable by this process")
                    + ", so whether its file system shared extents was not measured");
        }
        String fs = type(dataDirectory).orElse("this file system");
        long oid = Long.parseLong(Jdbc.string(c, "select oid::text from pg_database where datname = ?", target));
        SharedExtents.Verdict v;
        try {
            v = SharedExtents.probe(DatabaseDirectories.of(c, dataDirectory.get(), major, oid));
        } catch (FoldoutException e) {
            return new Verdict(true, "file_copy_method = clone on " + fs + "; its sharing was not measured: " + e.getMessage());
        }
        return switch (v.kind()) {
            case SHARED -> new Verdict(true, "reflink on " + fs + " (FIEMAP: extents shared)");
            case COPIED -> new Verdict(false, "file_copy_method = clone, but " + fs + " shared no extent (FIEMAP): the "
                    + "kernel copied the files; put the data directory on XFS (reflink=1) or btrfs for copy-on-write");
            case UNKNOWN -> new Verdict(true, "file_copy_method = clone on " + fs + ", which does not report shared extents "
                    + "(FIEMAP): not measured");
        };
    }

    /** The file system holding the data directory, for the status line. */
    static String describe(Optional<Path> dataDirectory) {
        return type(dataDirectory).map(t -> "the data directory is on " + t + "; each copy's sharing is measured")
                .orElse("data directory not visible from this host");
    }

    static Optional<String> type(Optional<Path> dataDirectory) {
        if (dataDirectory.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getFileStore(dataDirectory.get()).type().toLowerCase(Locale.ROOT));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Whether a failed CREATE DATABASE failed because the files could not be cloned. */
    static boolean looksLikeCloneUnsupported(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("clone") || m.contains("copy_file_range") || m.contains("not supported");
    }
}
