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
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A connected Unix-domain stream socket shaped as a {@link Socket}, which is what the driver works with: the JDK opens
 * such sockets only as channels. Reads honour {@link #setSoTimeout} (the driver sets one to poll for notifications and
 * for its {@code socketTimeout}); options that only mean something on TCP are kept and otherwise ignored.
 */
final class UnixDomainSocket extends Socket {
    private static final int BUFFER_SIZE = 65536;

    private final Path file;
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final Object readLock = new Object();
    private Selector selector; // made on the first read with a time-out; guarded by readLock
    private volatile int soTimeout;
    private volatile boolean closed;
    private boolean tcpNoDelay = true;
    private boolean keepAlive;
    private boolean inputShut;
    private boolean outputShut;

    private UnixDomainSocket(Path file, SocketChannel channel) throws SocketException {
        super((SocketImpl) null);
        this.file = file;
        this.channel = channel;
        this.in = new TimedInput();
        this.out = Channels.newOutputStream(channel);
    }

    /** Connects to the socket file of a server; the error names the file. */
    static UnixDomainSocket connect(Path file) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(file));
            return new UnixDomainSocket(file, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            ConnectException failed = new ConnectException("could not connect to the server's socket " + file + ": "
                    + e.getMessage());
            failed.initCause(e);
            throw failed;
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
        return closed;
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

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            channel.close();
        } finally {
            synchronized (readLock) {
                if (selector != null) {
                    selector.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Socket[unix=" + file + (closed ? ", closed" : "") + "]";
    }

    private void requireOpen() throws SocketException {
        if (closed) {
            throw new SocketException("Socket is closed");
        }
    }

    /** Reads from the channel, waiting at most {@link #soTimeout} for bytes when it is set. */
    private final class TimedInput extends InputStream {
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
                if (timeout == 0) {
                    return channel.read(buf);
                }
                return readWithin(buf, timeout);
            }
        }

        /** One read that waits for bytes no longer than {@code timeout} ms; the channel blocks again afterwards. */
        private int readWithin(ByteBuffer buf, int timeout) throws IOException {
            if (selector == null) {
                selector = Selector.open();
            }
            channel.configureBlocking(false);
            try {
                int n = channel.read(buf);
                if (n != 0) {
                    return n;
                }
                long deadline = System.nanoTime() + timeout * 1_000_000L;
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                try {
                    while (n == 0) {
                        long left = (deadline - System.nanoTime()) / 1_000_000L;
                        if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= deadline) {
                            throw new SocketTimeoutException("Read timed out");
                        }
                        selector.selectedKeys().clear();
                        n = channel.read(buf);
                    }
                    return n;
                } finally {
                    key.cancel();
                    selector.selectNow(); // deregisters the channel, which may then block again
                }
            } finally {
                if (channel.isOpen()) {
                    channel.configureBlocking(true);
                }
            }
        }
    }
}
