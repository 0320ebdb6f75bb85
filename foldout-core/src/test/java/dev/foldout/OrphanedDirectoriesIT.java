package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A server stopped during CREATE DATABASE leaves the new database's directory under base/ with no database: status
 * finds it, and a superuser's status --repair removes it. A directory written since the server started (a CREATE
 * DATABASE at work now) is left alone.
 */
class OrphanedDirectoriesIT {

    @Test
    void aDirectoryNoDatabaseOwnsIsFoundThenRemoved() throws Exception {
        Path base = Path.of(TestPostgres.query("postgres", "select current_setting('data_directory')")).resolve("base");
        Path left = base.resolve("4000000" + ProcessHandle.current().pid() % 1000);
        Path inFlight = base.resolve("4100000" + ProcessHandle.current().pid() % 1000);
        try (Foldout fld = TestFoldout.connect("postgres", "template")) {
            // what a crash during CREATE DATABASE leaves: files written before the server (re)started
            Files.createDirectories(left);
            Files.write(left.resolve("1259"), new byte[3 * 1024 * 1024]);
            FileTime before = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
            Files.setLastModifiedTime(left.resolve("1259"), before);
            Files.setLastModifiedTime(left, before);
            Files.createDirectories(inFlight);
            Files.write(inFlight.resolve("1259"), new byte[8192]);

            assertThat(fld.repair()).anySatisfy(line -> assertThat(line).startsWith("found " + left)
                    .contains("3 MB").contains("Foldout.repair(true)")).noneSatisfy(l -> assertThat(l).contains(inFlight.toString()));
            assertThat(left).exists();

            assertThat(fld.repair(true)).anySatisfy(line -> assertThat(line).startsWith("removed " + left));
            assertThat(left).doesNotExist();
            assertThat(inFlight).exists();
            assertThat(fld.repair()).noneSatisfy(l -> assertThat(l).contains(left.toString()));
            assertThat(fld.databases()).isNotEmpty(); // the server is as it was
        } finally {
            for (Path dir : new Path[] {left, inFlight}) {
                Files.deleteIfExists(dir.resolve("1259"));
                Files.deleteIfExists(dir);
            }
        }
    }
}
