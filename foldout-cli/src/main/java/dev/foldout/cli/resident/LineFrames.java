package dev.foldout.cli.resident;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's stderr (and its stdout, when that is a terminal), sent on the command's own connection a line at a
 * time, which {@code bin/foldout} reads with the shell's {@code read} and prints in the order sent: a kind letter and
 * the line for a whole line ({@code e} stderr, {@code o} stdout), another for what was flushed without a line break
 * ({@code p}, {@code q}). The exit code ends it: {@code x} and the code ({@link #exit}). Both streams of a connection
 * share one lock, so their frames never interleave.
 */
final class LineFrames extends OutputStream {
    private final OutputStream socket;
    private final char line;
    private final char partial;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private LineFrames(OutputStream socket, char line, char partial) {
        this.socket = socket;
        this.line = line;
        this.partial = partial;
    }

    /** Stderr's frames on {@code socket}. */
    static LineFrames stderr(OutputStream socket) {
        return new LineFrames(socket, 'e', 'p');
    }

    /** Stdout's frames on {@code socket}, the same stream as stderr's. */
    static LineFrames stdout(OutputStream socket) {
        return new LineFrames(socket, 'o', 'q');
    }

    @Override
    public void write(int b) throws IOException {
        synchronized (socket) {
            if (b == '\n') {
                send(line);
            } else {
                pending.write(b);
            }
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        synchronized (socket) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (socket) {
            if (pending.size() > 0) {
                send(partial);
            }
            socket.flush();
        }
    }

    /** Sends what is left and the exit code. */
    void exit(int code) throws IOException {
        synchronized (socket) {
            flush();
            socket.write(("x" + code + "\n").getBytes(StandardCharsets.US_ASCII));
            socket.flush();
        }
    }

    private void send(char kind) throws IOException {
        socket.write(kind);
        pending.writeTo(socket);
        socket.write('\n');
        pending.reset();
    }
}
