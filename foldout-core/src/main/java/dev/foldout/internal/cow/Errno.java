package dev.foldout.internal.cow;

import com.sun.jna.LastErrorException;
import dev.foldout.FoldoutException;
import dev.foldout.NotSupportedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns the errno of a failed clone into the one-line exception a caller acts on, naming both files. */
public final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EACCES = 13;
    static final int EXDEV = 18;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;
    static final int ENOSPC = 28;
    static final int EOPNOTSUPP = 95;
    static final int EDQUOT = 122;

    private Errno() {
    }

    /** Whether the file system simply cannot clone (as opposed to a real failure). */
    static boolean meansNoReflink(int errno) {
        return errno == EOPNOTSUPP || errno == EINVAL || errno == ENOTTY;
    }

    /** The exception for a failed {@code what} (e.g. "clone") from {@code src} to {@code dst}. */
    static FoldoutException translate(LastErrorException e, String what, Path src, Path dst) {
        int errno = e.getErrorCode();
        String head = "cannot " + what + " " + src + " to " + dst + ": ";
        return switch (errno) {
            case EXDEV -> new NotSupportedException(head + "they are on different file systems, and a reflink never crosses "
                    + "one - put the target on the same file system as the source", e);
            case EOPNOTSUPP, EINVAL, ENOTTY -> new NotSupportedException(head + "the " + fsType(dst) + " file system does not "
                    + "support reflink (FICLONE: " + e.getMessage() + ") - use XFS made with reflink=1, btrfs, or ZFS 2.2+ "
                    + "with block cloning", e);
            case ENOSPC, EDQUOT -> new FoldoutException(head + "no space left on the file system of " + dst
                    + " - free space there and run again", e);
            case EPERM, EACCES -> new FoldoutException(head + "permission denied (" + e.getMessage() + ") - run as root or as "
                    + "the owner of the data directory", e);
            default -> new FoldoutException(head + e.getMessage(), e);
        };
    }

    /** The file system type of the nearest existing ancestor of {@code path}, e.g. {@code ext4}. */
    public static String fsType(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p == null ? "unknown" : Files.getFileStore(p).type();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
