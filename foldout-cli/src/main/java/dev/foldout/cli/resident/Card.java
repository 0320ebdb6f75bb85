package dev.foldout.cli.resident;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The file through which {@code bin/foldout} finds the resident JVM: one line, its port and its secret, readable by
 * its owner alone, in a directory that is theirs alone (it is refused otherwise: another user could swap the card). It
 * is written whole (a rename), so a reader sees the old card or the new one; a resident whose card is gone or names
 * another stops.
 *
 * @param file where the card is
 * @param port the port on 127.0.0.1
 * @param secret what a client must send first
 */
record Card(Path file, int port, String secret) {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /**
     * Makes {@code dir} (mode 0700) if it is missing, and checks that it is a directory of this user's alone (not a
     * link, no other user may write or enter it; one of theirs with another mode is set to 0700); throws IOException
     * naming the fix when it is not.
     */
    static void ensureOwnDirectory(Path dir) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        boolean own = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && owner.equals(self);
        if (own && !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(dir, OWNER_ONLY); // the user's own, made by hand with another mode
        }
        if (!own || !Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            throw new IOException(dir + " is not a directory of this user's alone (mode 0700): remove it, and the "
                    + "next command makes it anew");
        }
    }

    /** Writes the card, replacing any other. */
    void write() throws IOException {
        Path dir = file.getParent();
        ensureOwnDirectory(dir);
        Path temp = Files.createTempFile(dir, ".card-", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, text());
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Whether the file still holds this card (not removed, not another resident's). */
    boolean current() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).equals(text());
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the file if it still holds this card. */
    void withdraw() {
        try {
            if (current()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a card left behind names a port that refuses, or a program that cannot prove the secret: bin/foldout
            // removes it then
        }
    }

    private String text() {
        return port + " " + secret + "\n";
    }
}
