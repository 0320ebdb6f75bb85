package dev.foldout.internal.cow;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import dev.foldout.FoldoutException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How much of a file shares its extents with another file, by the {@code FS_IOC_FIEMAP} ioctl and its
 * {@code FIEMAP_EXTENT_SHARED} flag: after a clone, a file system that really shared the data reports its
 * extents as shared; one that fell back to copying does not.
 */
public final class Extents {
    /** {@code _IOWR('f', 11, struct fiemap)}. */
    static final NativeLong FS_IOC_FIEMAP = new NativeLong(0xC020660BL);
    private static final int FIEMAP_FLAG_SYNC = 0x1;
    private static final int FIEMAP_EXTENT_LAST = 0x1;
    private static final int FIEMAP_EXTENT_SHARED = 0x2000;
    private static final int HEADER = 32;
    private static final int EXTENT = 56;
    private static final int BATCH = 64;

    private Extents() {
    }

    /**
     * What FIEMAP says of one file.
     *
     * @param mappedBytes the bytes of all its extents
     * @param sharedBytes the bytes of its extents flagged as shared with another file
     */
    public record Sharing(long mappedBytes, long sharedBytes) {
        /** Validates the record. */
        public Sharing {
            if (mappedBytes < 0 || sharedBytes < 0 || sharedBytes > mappedBytes) {
                throw new IllegalArgumentException("need 0 <= sharedBytes <= mappedBytes, was " + sharedBytes + " of " + mappedBytes);
            }
        }
    }

    /** The extents of {@code file}, or empty when its file system does not answer FIEMAP (zfs-fuse, tmpfs). */
    public static Optional<Sharing> of(Path file) {
        try (NativeFile f = NativeFile.openRead(file); Memory buf = new Memory(HEADER + (long) EXTENT * BATCH)) {
            long mapped = 0;
            long shared = 0;
            long start = 0;
            while (true) {
                buf.clear();
                buf.setLong(0, start);
                buf.setLong(8, -1L - start); // fm_length: to the end
                buf.setInt(16, FIEMAP_FLAG_SYNC);
                buf.setInt(24, BATCH);
                LibC.INSTANCE.ioctl(f.fd(), FS_IOC_FIEMAP, buf);
                int count = buf.getInt(20);
                if (count == 0) {
                    return Optional.of(new Sharing(mapped, shared));
                }
                boolean last = false;
                for (int i = 0; i < count; i++) {
                    long at = HEADER + (long) EXTENT * i;
                    long logical = buf.getLong(at);
                    long length = buf.getLong(at + 16);
                    int flags = buf.getInt(at + 40);
                    mapped += length;
                    if ((flags & FIEMAP_EXTENT_SHARED) != 0) {
                        shared += length;
                    }
                    start = logical + length;
                    last |= (flags & FIEMAP_EXTENT_LAST) != 0;
                }
                if (last) {
                    return Optional.of(new Sharing(mapped, shared));
                }
            }
        } catch (LastErrorException e) {
            if (Errno.meansNoReflink(e.getErrorCode())) {
                return Optional.empty();
            }
            throw new FoldoutException("cannot read the extents of " + file + " (FIEMAP: " + e.getMessage()
                    + "): the file system must support FIEMAP (XFS, btrfs, ext4) and the file be readable by this account", e);
        }
    }
}
