package dev.foldout.internal.cow;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * What a base backup leaves out of a running cluster's data directory (PostgreSQL's "Making a Base Backup Using
 * the Low Level API", and {@code basebackup.c}): the files of the running server, the contents of the directories
 * it rebuilds at start, temporary files, relation cache init files, and the WAL, which is cloned after
 * {@code pg_backup_stop}. Tablespace links are made by {@link ClusterCloner} itself.
 */
final class DataDirectoryRule implements TreeClone.Rule {
    private static final Set<String> ROOT_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
            "tablespace_map", "backup_manifest", "postgresql.auto.conf.tmp", "current_logfiles.tmp");
    private static final Set<String> EMPTIED_DIRS = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    @Override
    public TreeClone.Action of(Path relative, BasicFileAttributes attributes) {
        String name = relative.getFileName().toString();
        if (name.startsWith("pgsql_tmp") || name.equals("pg_internal.init")) {
            return TreeClone.Action.SKIP;
        }
        if (relative.getNameCount() == 1) {
            if (ROOT_FILES.contains(name) && !attributes.isDirectory()) {
                return TreeClone.Action.SKIP;
            }
            if (EMPTIED_DIRS.contains(name)) {
                // a linked pg_wal (initdb -X) is made a directory of the clone's own by ClusterCloner
                return attributes.isSymbolicLink() ? TreeClone.Action.SKIP : TreeClone.Action.EMPTY_DIR;
            }
        }
        if (relative.getNameCount() == 2 && relative.getName(0).toString().equals("pg_tblspc") && attributes.isSymbolicLink()) {
            return TreeClone.Action.SKIP;
        }
        return TreeClone.Action.CLONE;
    }

    /** What is cloned of {@code pg_wal} after the backup stopped: every file, and the empty archive_status. */
    static TreeClone.Rule wal() {
        return (relative, attributes) -> relative.getNameCount() == 1 && relative.toString().equals("archive_status")
                ? TreeClone.Action.EMPTY_DIR : TreeClone.Action.CLONE;
    }
}
