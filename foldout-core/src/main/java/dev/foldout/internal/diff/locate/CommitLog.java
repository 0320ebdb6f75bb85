package dev.foldout.internal.diff.locate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A cluster's commit log ({@code pg_xact}) read from its files: two status bits per transaction ID, four to a byte,
 * {@code block_size} bytes to a page, 32 pages to a segment file named by its number in four hexadecimal digits
 * ({@code pg_xact/0000}). Status 1 is committed; 0 (in progress, or cut off by a crash), 2 (aborted) and 3
 * (sub-committed: a commit under way, or cut off by a crash) are not. A CHECKPOINT writes every page the server
 * changed before it. Read-only; one instance per diff, holding one segment file (256 kB) at a time.
 */
final class CommitLog {
    private static final int PAGES_PER_SEGMENT = 32;
    private static final int XACTS_PER_BYTE = 4;
    private static final long FIRST_NORMAL_XID = 3;

    private final Path dir;
    private final long xactsPerSegment;
    private long segmentNo = -1;
    private byte[] segment;

    /** The commit log of the cluster in {@code dataDir}, whose pages are {@code blockSize} bytes. */
    CommitLog(Path dataDir, int blockSize) {
        this.dir = dataDir.resolve("pg_xact");
        this.xactsPerSegment = (long) blockSize * XACTS_PER_BYTE * PAGES_PER_SEGMENT;
    }

    /** A part of the log that could not be read: the log is not there, or not yet as far as asked. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether transaction {@code xid} (its 32 low bits count) is committed. */
    boolean committed(long xid) throws Unreadable {
        long x = xid & 0xFFFFFFFFL;
        byte[] bytes = segment(x / xactsPerSegment, x % xactsPerSegment + 1);
        return status(bytes[(int) (x % xactsPerSegment / XACTS_PER_BYTE)], x) == 1;
    }

    /**
     * The full transaction IDs of {@code [from, to)} that are committed in one log and not in the other, at most
     * {@code limit} of them, in order. Both logs are read a segment file at a time, and compared a byte (four
     * transactions) at a time: a byte that is the same in both is skipped.
     */
    static List<Long> differences(CommitLog a, CommitLog b, long from, long to, int limit) throws Unreadable {
        List<Long> out = new ArrayList<>();
        long x = Math.max(from, 0);
        while (x < to && out.size() < limit) {
            long x32 = x & 0xFFFFFFFFL;
            long first = x - x32 % a.xactsPerSegment; // the segment's first transaction
            long end = Math.min(to, first + a.xactsPerSegment);
            byte[] sa = a.segment(x32 / a.xactsPerSegment, end - first);
            byte[] sb = b.segment(x32 / a.xactsPerSegment, end - first);
            int at = (int) ((x - first) / XACTS_PER_BYTE);
            int stop = (int) ((end - first + XACTS_PER_BYTE - 1) / XACTS_PER_BYTE);
            while (at < stop && out.size() < limit) {
                int m = Arrays.mismatch(sa, at, stop, sb, at, stop);
                if (m < 0) {
                    break;
                }
                at += m;
                for (int k = 0; k < XACTS_PER_BYTE; k++) {
                    long xid = first + (long) at * XACTS_PER_BYTE + k;
                    if (xid >= x && xid < end && (xid & 0xFFFFFFFFL) >= FIRST_NORMAL_XID
                            && (status(sa[at], xid) == 1) != (status(sb[at], xid) == 1) && out.size() < limit) {
                        out.add(xid);
                    }
                }
                at++;
            }
            x = end;
        }
        return out;
    }

    private static int status(byte b, long xid) {
        int shift = (int) ((xid & 0xFFFFFFFFL) % XACTS_PER_BYTE) * 2;
        return (b >> shift) & 3;
    }

    /** Segment file {@code no}, which must hold at least {@code xacts} transactions. */
    private byte[] segment(long no, long xacts) throws Unreadable {
        if (no != segmentNo) {
            segment = read(no);
            segmentNo = no;
        }
        long need = (xacts + XACTS_PER_BYTE - 1) / XACTS_PER_BYTE;
        if (segment.length < need) {
            throw new Unreadable(file(no) + " holds " + segment.length + " bytes, not the " + need + " the transactions "
                    + "asked for need", null);
        }
        return segment;
    }

    private Path file(long no) {
        return dir.resolve(String.format(Locale.ROOT, "%04X", no));
    }

    private byte[] read(long no) throws Unreadable {
        Path file = file(no);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Unreadable("there is no " + file, e);
        } catch (IOException e) {
            throw new Unreadable("could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
