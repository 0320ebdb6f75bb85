package dev.foldout.cli.resident;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command's stdout and stderr, sent in order on the command's connection as chunks: {@code o} (stdout) or
 * {@code e} (stderr), the length in bytes and a line break, then the bytes; a run of NUL bytes, which the shell cannot
 * hold in a variable, as {@code O} or {@code E} and its length alone; {@code x} and the exit code end it
 * ({@link #exit}). {@code bin/foldout} copies a short chunk with the shell's {@code read -N} and a long one with
 * {@code head -c}, so output reaches the terminal, file or pipe as the command wrote it, each stream in its place.
 *
 * <p>A flush does not send at once: it sends within {@link #LINGER_MS}, so that a command printing line by line
 * (each {@code println} flushes) costs the client one copy per pause, not one per line. A chunk is sent at once when it
 * reaches {@link #MAX_CHUNK} bytes, or when the other stream writes. When the client is gone, what follows is dropped.
 */
final class Chunks {
    /** The longest a flushed byte waits before it is sent. */
    static final long LINGER_MS = 20;
    /** The most bytes of one chunk. */
    static final int MAX_CHUNK = 1 << 16;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "foldout-resident-linger");
        t.setDaemon(true);
        return t;
    }); // the command's own: a client that stops reading holds up no other command's output
    private final OutputStream socket;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private char kind;
    private ScheduledFuture<?> lingering;
    private boolean gone;

    Chunks(OutputStream socket) {
        this.socket = socket;
    }

    /** The command's stdout. */
    OutputStream stdout() {
        return new Stream('o');
    }

    /** The command's stderr. */
    OutputStream stderr() {
        return new Stream('e');
    }

    /** Sends what is left and the exit code; false when the client is gone. */
    synchronized boolean exit(int code) {
        timer.shutdownNow();
        send();
        if (!gone) {
            try {
                socket.write(("x" + code + "\n").getBytes(StandardCharsets.US_ASCII));
                socket.flush();
            } catch (IOException e) {
                gone = true;
            }
        }
        return !gone;
    }

    private synchronized void write(char k, byte[] b, int off, int len) {
        if (pending.size() > 0 && k != kind) {
            send();
        }
        kind = k;
        while (len > 0) {
            int n = Math.min(len, MAX_CHUNK - pending.size());
            pending.write(b, off, n);
            off += n;
            len -= n;
            if (pending.size() == MAX_CHUNK) {
                send();
            }
        }
    }

    private synchronized void flushSoon() {
        if (pending.size() > 0 && lingering == null && !timer.isShutdown()) {
            lingering = timer.schedule(this::sendNow, LINGER_MS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void sendNow() {
        lingering = null;
        send();
    }

    private void send() {
        if (lingering != null) {
            lingering.cancel(false);
            lingering = null;
        }
        if (pending.size() == 0) {
            return;
        }
        if (!gone) {
            try {
                byte[] bytes = pending.toByteArray();
                for (int from = 0; from < bytes.length;) {
                    boolean nul = bytes[from] == 0;
                    int to = from;
                    while (to < bytes.length && (bytes[to] == 0) == nul) {
                        to++;
                    }
                    char k = nul ? Character.toUpperCase(kind) : kind;
                    socket.write((k + Integer.toString(to - from) + "\n").getBytes(StandardCharsets.US_ASCII));
                    if (!nul) {
                        socket.write(bytes, from, to - from);
                    }
                    from = to;
                }
                socket.flush();
            } catch (IOException e) {
                gone = true;
            }
        }
        pending.reset();
    }

    /** One of the two streams. */
    private final class Stream extends OutputStream {
        private final char kind;

        Stream(char kind) {
            this.kind = kind;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Chunks.this.write(kind, b, off, len);
        }

        @Override
        public void flush() {
            flushSoon();
        }
    }
}
