package dev.foldout.internal.cow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a clone of a running cluster leaves out, as a base backup does. */
class DataDirectoryRuleTest {
    private final DataDirectoryRule rule = new DataDirectoryRule();

    @Test
    void theRunningServersFilesAndTemporaryFilesAreLeftOut() {
        for (String p : List.of("postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map", "backup_manifest",
                "base/16384/pg_internal.init", "base/pgsql_tmp", "base/pgsql_tmp/pgsql_tmp123.0", "global/pg_internal.init")) {
            assertThat(rule.of(Path.of(p), attrs(false, false))).as(p).isEqualTo(TreeClone.Action.SKIP);
        }
    }

    @Test
    void directoriesTheServerRebuildsAreMadeEmptyAndTheWalComesLater() {
        for (String p : List.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots",
                "pg_stat_tmp", "pg_subtrans")) {
            assertThat(rule.of(Path.of(p), attrs(true, false))).as(p).isEqualTo(TreeClone.Action.EMPTY_DIR);
        }
        assertThat(rule.of(Path.of("pg_wal"), attrs(false, true))).as("a linked pg_wal").isEqualTo(TreeClone.Action.SKIP);
    }

    @Test
    void dataCatalogsAndConfigurationAreCloned() {
        for (String p : List.of("PG_VERSION", "global/pg_control", "base/16384/16385", "base/16384/16385_fsm", "pg_xact/0000",
                "postgresql.conf", "postgresql.auto.conf", "pg_stat/pgstat.stat", "pg_subtrans_not_really/x",
                "base/1/postmaster.pid")) {
            assertThat(rule.of(Path.of(p), attrs(false, false))).as(p).isEqualTo(TreeClone.Action.CLONE);
        }
    }

    @Test
    void tablespaceLinksAreLeftToTheClonerButInPlaceTablespacesAreCloned() {
        assertThat(rule.of(Path.of("pg_tblspc/16400"), attrs(false, true))).isEqualTo(TreeClone.Action.SKIP);
        assertThat(rule.of(Path.of("pg_tblspc/16401"), attrs(true, false))).isEqualTo(TreeClone.Action.CLONE);
    }

    @Test
    void theWalRuleKeepsSegmentsAndHistoryButNotTheArchiveStatus() {
        TreeClone.Rule wal = DataDirectoryRule.wal();
        assertThat(wal.of(Path.of("000000010000000000000003"), attrs(false, false))).isEqualTo(TreeClone.Action.CLONE);
        assertThat(wal.of(Path.of("00000002.history"), attrs(false, false))).isEqualTo(TreeClone.Action.CLONE);
        assertThat(wal.of(Path.of("archive_status"), attrs(true, false))).isEqualTo(TreeClone.Action.EMPTY_DIR);
    }

    @Test
    void theTablespaceMapNamesTheClonesLocations() {
        Path target = Path.of("/srv/clones/b1/data");
        assertThat(Tablespaces.root(target)).isEqualTo(Path.of("/srv/clones/b1/data_tblspc"));
        assertThat(Tablespaces.map(List.of(new Tablespaces.Entry("16400", Path.of("/old/a"), Tablespaces.root(target).resolve("16400")),
                new Tablespaces.Entry("16410", Path.of("/old/b"), Tablespaces.root(target).resolve("16410")))))
                .isEqualTo("16400 /srv/clones/b1/data_tblspc/16400\n16410 /srv/clones/b1/data_tblspc/16410\n");
    }

    private static BasicFileAttributes attrs(boolean dir, boolean link) {
        return new BasicFileAttributes() {
            public FileTime lastModifiedTime() {
                return FileTime.fromMillis(0);
            }

            public FileTime lastAccessTime() {
                return FileTime.fromMillis(0);
            }

            public FileTime creationTime() {
                return FileTime.fromMillis(0);
            }

            public boolean isRegularFile() {
                return !dir && !link;
            }

            public boolean isDirectory() {
                return dir;
            }

            public boolean isSymbolicLink() {
                return link;
            }

            public boolean isOther() {
                return false;
            }

            public long size() {
                return 0;
            }

            public Object fileKey() {
                return null;
            }
        };
    }
}
