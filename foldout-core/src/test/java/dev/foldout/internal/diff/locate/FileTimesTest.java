package dev.foldout.internal.diff.locate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The margin a file's own time asks for before the page scan may skip it unread. */
class FileTimesTest {
    @TempDir
    Path tmp;

    @Test
    void theStepOfAFileSystemsTimesIsToldFromAFileTime() {
        assertThat(FileTimes.step(409_105_502)).isEqualTo(1); // nanoseconds: XFS, ext4, btrfs, ZFS
        assertThat(FileTimes.step(409_105_000)).isEqualTo(1_000);
        assertThat(FileTimes.step(409_000_000)).isEqualTo(1_000_000);
        assertThat(FileTimes.step(400_000_000)).isEqualTo(100_000_000);
        assertThat(FileTimes.step(0)).isEqualTo(2_000_000_000L); // whole seconds (zfs-fuse), or two
    }

    @Test
    void aFileOfAFileSystemKeepingWholeSecondsIsSkippedOnlyIfOlderThanTwoSecondsBeforeTheQuietPoint() throws Exception {
        Path file = Files.createFile(tmp.resolve("16384"));
        Instant quiet = Instant.parse("2026-11-21T07:29:24.344108366Z");
        // zfs-fuse stamped a write made 300 ms after the quiet point with the second it began in: 0.34 s earlier
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-21T07:29:24Z")));
        Instant skipBefore = FileTimes.skipBefore(file, quiet);
        assertThat(skipBefore).isEqualTo(quiet.minusMillis(2012));
        assertThat(Files.getLastModifiedTime(file).toInstant()).isAfterOrEqualTo(skipBefore);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-21T07:29:24.340108366Z")));
        assertThat(FileTimes.skipBefore(file, quiet)).isEqualTo(quiet.minusMillis(12).minusNanos(1));
    }
}
