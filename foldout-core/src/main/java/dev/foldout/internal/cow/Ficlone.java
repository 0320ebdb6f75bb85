package dev.foldout.internal.cow;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import dev.foldout.FoldoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clones one file by {@code ioctl(dest, FICLONE, src)}: the new file shares every extent of the source until
 * either side writes, so the time does not grow with the size. Works within one XFS (reflink=1), btrfs or ZFS 2.2+
 * file system; elsewhere the kernel refuses, and the error says why and names both files. Nothing is copied
 * as a fallback.
 */
public final class Ficlone {
    /** {@code _IOW(0x94, 9, int)}. */
    static final NativeLong FICLONE = new NativeLong(0x40049409L);
    private static final AtomicLong PROBES = new AtomicLong();

    private Ficlone() {
    }

    /**
     * Clones {@code source} into the new file {@code target} (which must not exist), with the source's owner, group
     * and permissions. Returns the number of bytes the clone holds. A failed clone leaves no target behind.
     *
     * @throws java.nio.file.NoSuchFileException if the source vanished before it was opened
     */
    public static long cloneFile(Path source, Path target) throws IOException {
        FileOwner owner = FileOwner.of(source);
        try (NativeFile in = NativeFile.openRead(source)) {
            NativeFile out;
            try {
                out = NativeFile.create(target, owner.mode());
            } catch (LastErrorException e) {
                throw Errno.translate(e, "create", source, target);
            }
            boolean done = false;
            try (out) {
                LibC.INSTANCE.ioctl(out.fd(), FICLONE, in.fd());
                LibC.INSTANCE.fchmod(out.fd(), owner.mode());
                LibC.INSTANCE.fchown(out.fd(), owner.uid(), owner.gid());
                done = true;
            } catch (LastErrorException e) {
                throw Errno.translate(e, "clone", source, target);
            } finally {
                if (!done) {
                    Files.deleteIfExists(target);
                }
            }
            return Files.size(target);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.ENOENT) {
                throw new java.nio.file.NoSuchFileException(source.toString());
            }
            throw Errno.translate(e, "open", source, target);
        }
    }

    /**
     * Whether files in {@code directory} can be cloned: a real FICLONE of a small probe file made there and removed
     * at once. Empty when they can; otherwise why not, in one line.
     */
    public static Optional<String> probe(Path directory) {
        String name = ".foldout-reflink-probe-" + ProcessHandle.current().pid() + "-" + PROBES.incrementAndGet();
        Path a = directory.resolve(name + "-a");
        Path b = directory.resolve(name + "-b");
        try {
            Files.write(a, new byte[8192]);
            cloneFile(a, b);
            return Optional.empty();
        } catch (FoldoutException e) {
            return Optional.of(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot write a probe file in " + directory + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(b);
                Files.deleteIfExists(a);
            } catch (IOException e) {
                // the probe names are unique; a leftover is harmless and reported nowhere else
            }
        }
    }

    /** Makes everything written on the file system holding {@code path} durable ({@code syncfs}). */
    public static void syncFileSystem(Path path) {
        try (NativeFile f = NativeFile.openRead(path)) {
            LibC.INSTANCE.syncfs(f.fd());
        } catch (LastErrorException e) {
            throw new FoldoutException("could not sync the file system holding " + path + " (" + e.getMessage()
                    + "): check the disk (dmesg) and that it is not full, then try again", e);
        }
    }
}
