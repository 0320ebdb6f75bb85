package dev.foldout.internal.diff.locate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit logs written here as PostgreSQL lays them out (8 kB pages, 32 to a segment file), then compared. */
class CommitLogTest {
    private static final int BLOCK = 8192;
    private static final long PER_SEGMENT = BLOCK * 4L * 32;
    private static final int COMMITTED = 1;
    private static final int ABORTED = 2;

    @TempDir
    Path tmp;

    /** A data directory whose pg_xact has {@code pages} zeroed pages in each of the given segments. */
    private Path cluster(String name, int pages, long... segments) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name).resolve("pg_xact"));
        for (long s : segments) {
            Files.write(dir.resolve(String.format(Locale.ROOT, "%04X", s)), new byte[pages * BLOCK]);
        }
        return dir.getParent();
    }

    private static void set(Path dataDir, long xid, int status) throws IOException {
        long x = xid & 0xFFFFFFFFL;
        Path file = dataDir.resolve("pg_xact").resolve(String.format(Locale.ROOT, "%04X", x / PER_SEGMENT));
        byte[] bytes = Files.readAllBytes(file);
        int at = (int) (x % PER_SEGMENT / 4);
        int shift = (int) (x % 4) * 2;
        bytes[at] = (byte) ((bytes[at] & ~(3 << shift)) | (status << shift));
        Files.write(file, bytes);
    }

    @Test
    void findsTheTransactionsCommittedOnOneSideOnly() throws Exception {
        Path parent = cluster("p", 32, 0, 1);
        Path branch = cluster("b", 32, 0, 1);
        for (long x = 3; x < 40; x++) {
            set(parent, x, COMMITTED);
            set(branch, x, COMMITTED);
        }
        set(parent, 20, ABORTED);
        set(branch, 20, ABORTED); // rolled back on both: alike
        set(branch, 21, 0); // cut off by the branch's recovery, committed on the parent
        set(parent, 22, 3); // sub-committed on the parent only: not committed
        set(parent, 23, ABORTED); // committed on the branch only (a prepared transaction finished there)
        set(parent, PER_SEGMENT + 5, COMMITTED); // in the second segment file
        CommitLog p = new CommitLog(parent, BLOCK);
        CommitLog b = new CommitLog(branch, BLOCK);
        assertThat(CommitLog.differences(p, b, 3, 40, 10)).containsExactly(21L, 22L, 23L);
        assertThat(CommitLog.differences(p, b, 22, 23, 10)).containsExactly(22L);
        assertThat(CommitLog.differences(p, b, 3, 40, 2)).containsExactly(21L, 22L);
        assertThat(CommitLog.differences(p, b, 24, 40, 10)).isEmpty();
        assertThat(CommitLog.differences(p, b, 3, PER_SEGMENT + 10, 10)).containsExactly(21L, 22L, 23L, PER_SEGMENT + 5);
        assertThat(p.committed(21)).isTrue();
        assertThat(b.committed(21)).isFalse();
        assertThat(p.committed(20)).isFalse();
    }

    @Test
    void theSpecialTransactionIdsAreNeverReported() throws Exception {
        Path parent = cluster("p", 1, 0);
        Path branch = cluster("b", 1, 0);
        set(parent, 2, COMMITTED);
        assertThat(CommitLog.differences(new CommitLog(parent, BLOCK), new CommitLog(branch, BLOCK), 0, 10, 10)).isEmpty();
    }

    @Test
    void fullTransactionIdsCrossTheWraparoundOfTheir32Bits() throws Exception {
        long epoch = 1L << 32;
        long last = epoch + 0xFFFFFFFFL - 1; // in segment 0FFF, the last of the 32-bit space
        Path parent = cluster("p", 32, 0xFFF, 0);
        Path branch = cluster("b", 32, 0xFFF, 0);
        set(parent, last, COMMITTED);
        set(parent, 2 * epoch + 7, COMMITTED); // after the wraparound: segment 0000 again
        assertThat(CommitLog.differences(new CommitLog(parent, BLOCK), new CommitLog(branch, BLOCK), last - 100,
                2 * epoch + 100, 10)).containsExactly(last, 2 * epoch + 7);
        assertThat(ClusterFacts.full(7, 2 * epoch + 100)).isEqualTo(2 * epoch + 7);
        assertThat(ClusterFacts.full(0xFFFFFFFEL, 2 * epoch + 100)).isEqualTo(last);
    }

    @Test
    void aLogShorterThanAskedIsUnreadable() throws Exception {
        Path parent = cluster("p", 1, 0);
        Path branch = cluster("b", 2, 0);
        CommitLog p = new CommitLog(parent, BLOCK);
        CommitLog b = new CommitLog(branch, BLOCK);
        assertThatThrownBy(() -> CommitLog.differences(p, b, 3, 2L * BLOCK * 4, 10))
                .isInstanceOf(CommitLog.Unreadable.class).hasMessageContaining("0000 holds 8192 bytes");
        assertThatThrownBy(() -> CommitLog.differences(p, b, PER_SEGMENT, PER_SEGMENT + 8, 10))
                .isInstanceOf(CommitLog.Unreadable.class).hasMessageContaining("there is no");
    }
}
