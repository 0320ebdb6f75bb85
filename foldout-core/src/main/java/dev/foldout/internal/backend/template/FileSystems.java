package dev.foldout.internal.backend.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which file systems share extents when PostgreSQL 18 clones a file ({@code copy_file_range} on Linux):
 * XFS with reflink, btrfs, ZFS 2.2+ and bcachefs do; ext4 and tmpfs copy the bytes in the kernel instead.
 */
final class FileSystems {
    private static final Set<String> SHARING = Set.of("xfs", "btrfs", "zfs", "bcachefs");

    private FileSystems() {
    }

    /** Whether the clone really shared extents, and a note for the report. */
    record Verdict(boolean cloned, String note) {
    }

    static Verdict cloneVerdict(Optional<Path> dataDirectory) {
        Optional<String> type = type(dataDirectory);
        if (type.isEmpty()) {
            return new Verdict(true, "file_copy_method = clone; the data directory is not visible from this host, "
                    + "so whether its file system shares extents is not known");
        }
        if (SHARING.contains(type.get())) {
            return new Verdict(true, "reflink on " + type.get());
        }
        return new Verdict(false, "file_copy_method = clone, but " + type.get() + " shares no extents: the kernel copied "
                + "the files; put the data directory on XFS (reflink=1) or btrfs for copy-on-write");
    }

    static String describe(Optional<Path> dataDirectory) {
        return type(dataDirectory).map(t -> SHARING.contains(t) ? t + " does" : t + " does not")
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
