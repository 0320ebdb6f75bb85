package dev.foldout.zfs.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/**
 * The ZFS dataset that holds a data directory, and whether one snapshot of it catches the whole cluster: WAL
 * ({@code pg_wal}) and tablespaces must lie inside the same dataset, or the snapshot would not be consistent.
 *
 * @param name       the dataset
 * @param mountpoint its mount point
 * @param dataDir    the data directory, links resolved
 */
public record SourceDataset(String name, Path mountpoint, Path dataDir) {
    /** The user property naming the unbranched dataset a branch descends from. */
    public static final String ROOT_PROPERTY = "dev.foldout:root";

    /** The dataset mounted deepest above {@code dataDirectory}, if any. */
    public static Optional<SourceDataset> of(Path dataDirectory) throws IOException {
        Path real = dataDirectory.toRealPath();
        return Zfs.mounted().stream().filter(m -> real.startsWith(m.mountpoint()))
                .max(Comparator.comparingInt(m -> m.mountpoint().getNameCount()))
                .map(m -> new SourceDataset(m.name(), m.mountpoint(), real));
    }

    /** Why one snapshot of this dataset would not hold the whole cluster, or empty if it would. */
    public Optional<String> problem() throws IOException {
        if (name.indexOf('/') < 0) {
            return Optional.of("the data directory " + dataDir + " is on the root dataset of pool " + name + ": put it on a "
                    + "dataset of its own (zfs create " + name + "/pgdata), so that branches can sit beside it");
        }
        Path wal = dataDir.resolve("pg_wal").toRealPath();
        if (!wal.startsWith(mountpoint)) {
            return Optional.of("pg_wal of " + dataDir + " links to " + wal + ", outside dataset " + name + ": a snapshot would "
                    + "not catch the WAL at the same instant as the data; move pg_wal back into the data directory");
        }
        Path tablespaces = dataDir.resolve("pg_tblspc");
        if (Files.isDirectory(tablespaces)) {
            try (DirectoryStream<Path> links = Files.newDirectoryStream(tablespaces)) {
                for (Path link : links) {
                    Path target = link.toRealPath();
                    if (!target.startsWith(mountpoint)) {
                        return Optional.of("tablespace " + link.getFileName() + " of " + dataDir + " lies in " + target
                                + ", outside dataset " + name + ": one snapshot cannot catch it; move it into the dataset");
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The unbranched dataset this one descends from (itself unless it is a Foldout branch). */
    public String root() {
        return Zfs.get(ROOT_PROPERTY, name).orElse(name);
    }
}
