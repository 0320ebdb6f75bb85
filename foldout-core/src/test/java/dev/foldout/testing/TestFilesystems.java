package dev.foldout.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The copy-on-write file systems {@code .ci/filesystems.sh} makes, found through the variables it exports.
 * A test that needs one and does not find it is skipped with the reason on a developer's machine, and fails
 * when {@code CI=true}: in CI a missing capability is a broken set-up, not a reason to pass.
 */
public final class TestFilesystems {
    private TestFilesystems() {
    }

    /** A mounted XFS with reflink=1 ({@code FOLDOUT_TEST_XFS}). */
    public static Path xfs() {
        return directory("FOLDOUT_TEST_XFS", "a loop-mounted XFS with reflink=1");
    }

    /** A mounted XFS made with reflink=0 ({@code FOLDOUT_TEST_XFS_NOREFLINK}): XFS by name, yet it copies. */
    public static Path xfsWithoutReflink() {
        return directory("FOLDOUT_TEST_XFS_NOREFLINK", "a loop-mounted XFS with reflink=0");
    }

    /** A mounted btrfs ({@code FOLDOUT_TEST_BTRFS}). */
    public static Path btrfs() {
        return directory("FOLDOUT_TEST_BTRFS", "a loop-mounted btrfs");
    }

    /** The name of a ZFS pool served on this machine ({@code FOLDOUT_TEST_ZPOOL}). */
    public static String zpool() {
        String pool = System.getenv("FOLDOUT_TEST_ZPOOL");
        require(pool != null && !pool.isBlank(), "FOLDOUT_TEST_ZPOOL is not set: run `. .ci/filesystems.sh` as root "
                + "to make a zfs-fuse pool");
        return pool;
    }

    /** Skips the test with {@code reason} when {@code ok} is false, or fails it in CI. */
    public static void require(boolean ok, String reason) {
        if (ok) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("capability missing in CI: " + reason);
        }
        Assumptions.abort(reason);
    }

    private static Path directory(String variable, String what) {
        String value = System.getenv(variable);
        require(value != null && !value.isBlank() && Files.isDirectory(Path.of(value)),
                variable + " does not name " + what + ": run `. .ci/filesystems.sh` as root to make one");
        return Path.of(value);
    }
}
