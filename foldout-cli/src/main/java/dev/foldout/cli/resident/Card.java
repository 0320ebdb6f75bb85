package dev.foldout.cli.resident;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file through which {@code bin/foldout} finds the resident JVM: one line, its port and its secret, readable by
 * its owner alone, in a directory only they can enter. It is written whole (a rename), so a reader sees the old card
 * or the new one; a resident whose card is gone or names another stops.
 *
 * @param file where the card is
 * @param port the port on 127.0.0.1
 * @param secret what a client must send first
 */
record Card(Path file, int port, String secret) {
    /** Writes the card, replacing any other. */
    void write() throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
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
        } catch (NoSuchFileException e) {
            return false;
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
            // a card left behind names a port that refuses: bin/foldout removes it then
        }
    }

    private String text() {
        return port + " " + secret + "\n";
    }
}
