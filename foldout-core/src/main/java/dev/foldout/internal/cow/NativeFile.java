package dev.foldout.internal.cow;

import com.sun.jna.LastErrorException;
import java.nio.file.Path;

/** An open libc file descriptor, closed once by {@link #close()} (idempotent). */
final class NativeFile implements AutoCloseable {
    private final int fd;
    private final Path path;
    private boolean open = true;

    private NativeFile(int fd, Path path) {
        this.fd = fd;
        this.path = path;
    }

    /** Opens {@code path} read-only. */
    static NativeFile openRead(Path path) throws LastErrorException {
        return new NativeFile(LibC.INSTANCE.open(path.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0), path);
    }

    /** Creates {@code path}, which must not exist, for writing with {@code mode}. */
    static NativeFile create(Path path, int mode) throws LastErrorException {
        return new NativeFile(LibC.INSTANCE.open(path.toString(),
                LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, mode), path);
    }

    int fd() {
        return fd;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException ignored) {
                // close(2) releases the descriptor even when it reports an error; nothing is left open
            }
        }
    }
}
