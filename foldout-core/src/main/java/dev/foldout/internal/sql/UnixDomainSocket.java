package dev.foldout.internal.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A connected Unix-domain stream socket shaped as a {@link Socket}, which is what the driver works with: the JDK opens
 * such sockets only as channels. It behaves as a TCP socket does where the driver can tell: reads honour
 * {@link #setSoTimeout} (the driver sets one to poll for notifications and for its {@code socketTimeout}); an
 * interrupted thread's reads and writes go on (a blocking channel would close itself, and the connection with it);
 * {@link #close()} from another thread ends a wait at once; a read and a write may run on two threads. The channel is
 * therefore never blocking: waits are a selector's, one for reads and one for writes. Options that mean something on
 * TCP only are kept and otherwise ignored.
 */
final class UnixDomainSocket extends Socket {
    private static final int BUFFER_SIZE = 65536;

    private final Path file;
    private final SocketChannel channel;
    private final Selector readable;
    private final Selector writable;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private final InputStream in = new Input();
    private final OutputStream out = new Output();
    private volatile int soTimeout;
    private volatile boolean closed;
    private volatile boolean tcpNoDelay = true;
    private volatile boolean keepAlive;
    private volatile boolean inputShut;
    private volatile boolean outputShut;

    private UnixDomainSocket(Path file, SocketChannel channel, Selector readable, Selector writable)
            throws SocketException {
        super((SocketImpl) null);
        this.file = file;
        this.channel = channel;
        this.readable = readable;
        this.writable = writable;
    }

    /** Connects to the socket file of a server; the error names the file. */
    static UnixDomainSocket connect(Path file) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector readable = null;
        Selector writable = null;
        try {
            channel.connect(UnixDomainSocketAddress.of(file)); // a local socket connects at once, or not at all
            channel.configureBlocking(false);
            readable = Selector.open();
            writable = Selector.open();
            channel.register(readable, SelectionKey.OP_READ);
            channel.register(writable, SelectionKey.OP_WRITE);
            return new UnixDomainSocket(file, channel, readable, writable);
        } catch (IOException | RuntimeException e) {
            channel.close();
            closeQuietly(readable);
            closeQuietly(writable);
            ConnectException failed = new ConnectException("could not connect to the server's socket " + file + ": "
                    + e.getMessage());
            failed.initCause(e);
            throw failed;
        }
    }

    private static void closeQuietly(Selector s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing more to free
            }
        }
    }

    @Override
    public void connect(SocketAddress endpoint) {
        // connected when made: the driver asks only for a socket that is not
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) {
        // as above
    }

    @Override
    public void bind(SocketAddress bindpoint) throws IOException {
        throw new SocketException("a Unix-domain socket to " + file + " takes no local TCP address");
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed || !channel.isOpen();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        requireOpen();
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        requireOpen();
        return out;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout can't be negative");
        }
        requireOpen();
        soTimeout = timeout;
    }

    @Override
    public int getSoTimeout() throws SocketException {
        requireOpen();
        return soTimeout;
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        requireOpen();
        tcpNoDelay = on;
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        requireOpen();
        return tcpNoDelay;
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        requireOpen();
        keepAlive = on;
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        requireOpen();
        return keepAlive;
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        requireOpen();
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        requireOpen();
        return BUFFER_SIZE;
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        requireOpen();
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        requireOpen();
        return BUFFER_SIZE;
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
        inputShut = true;
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
        outputShut = true;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShut;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShut;
    }

    /** Closes the socket; a read or write waiting on another thread ends with a {@link SocketException}. */
    @Override
    public void close() throws IOException {
        closed = true;
        readable.wakeup();
        writable.wakeup();
        try {
            channel.close();
        } finally {
            closeQuietly(readable); // waits for a select under way, which the wakeup has ended
            closeQuietly(writable);
        }
    }

    @Override
    public String toString() {
        return "Socket[unix=" + file + (isClosed() ? ", closed" : "") + "]";
    }

    private void requireOpen() throws SocketException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
    }

    /**
     * Waits until {@code selector} says the channel is ready, for at most {@code millis} (0: no limit); false when the
     * time ran out. The thread's interrupt flag is set aside for the wait (a selector returns at once while it is set)
     * and put back after it, as a TCP socket neither reacts to nor clears it.
     */
    private boolean await(Selector selector, long millis) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            requireOpen();
            int ready = millis == 0 ? selector.select() : selector.select(millis);
            selector.selectedKeys().clear();
            requireOpen();
            return ready > 0;
        } catch (java.nio.channels.ClosedSelectorException e) {
            throw new SocketException("Socket is closed");
        } finally {
            if (Thread.interrupted() || interrupted) { // one that came during the wait is kept too
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads what the channel has, waiting for bytes no longer than {@link #soTimeout} when it is set. */
    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            synchronized (readLock) {
                int timeout = soTimeout;
                long deadline = System.nanoTime() + timeout * 1_000_000L;
                while (true) {
                    requireOpen();
                    int n = channel.read(buf);
                    if (n != 0) {
                        return n;
                    }
                    long left = timeout == 0 ? 0 : Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
                    if (!await(readable, left) && timeout != 0 && System.nanoTime() >= deadline) {
                        throw new SocketTimeoutException("Read timed out");
                    }
                }
            }
        }
    }

    /** Writes all it is given, waiting for room in the socket's buffer as long as it takes (as TCP writes do). */
    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            synchronized (writeLock) {
                while (buf.hasRemaining()) {
                    requireOpen();
                    if (channel.write(buf) == 0) {
                        await(writable, 0);
                    }
                }
            }
        }
    }
}
