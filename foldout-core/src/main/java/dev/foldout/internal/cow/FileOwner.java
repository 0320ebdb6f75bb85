package dev.foldout.internal.cow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Owner, group and permission bits of a file, read without following links, so that a clone gets the same.
 *
 * @param uid  the owner's user id
 * @param gid  the group id
 * @param mode the permission bits (07777 at most)
 */
record FileOwner(int uid, int gid, int mode) {
    FileOwner {
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode must be permission bits only, was 0" + Integer.toOctalString(mode));
        }
    }

    /** Reads the owner of {@code path} (a link itself, not its target). */
    static FileOwner of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        return new FileOwner((Integer) a.get("uid"), (Integer) a.get("gid"), ((Integer) a.get("mode")) & 07777);
    }

    /** Gives {@code path} this owner and group (not following links) and, unless it is a link, these permissions. */
    void applyTo(Path path) throws IOException {
        if (!Files.isSymbolicLink(path)) {
            Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        }
        Map<String, Object> now = Files.readAttributes(path, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        if ((Integer) now.get("uid") != uid) {
            Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        }
        if ((Integer) now.get("gid") != gid) {
            Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
    }
}
