package dev.foldout.internal.sql;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * The socket factory the driver is given ({@code socketFactory}, with the socket file as {@code socketFactoryArg}) to
 * reach a server on this host through its Unix-domain socket instead of TCP. Every socket it makes is connected
 * already, so the driver resolves no host name and opens no TCP connection.
 */
public final class UnixSocketFactory extends SocketFactory {
    /** The driver's property that names this class. */
    public static final String CLASS_NAME = UnixSocketFactory.class.getName();

    private final Path socketFile;

    /** For the driver, which passes the {@code socketFactoryArg} property: the path of the socket file. */
    public UnixSocketFactory(String socketFile) {
        if (socketFile == null || socketFile.isEmpty()) {
            throw new IllegalArgumentException("socketFactoryArg must name the server's socket file, such as "
                    + "/var/run/postgresql/.s.PGSQL.5432");
        }
        this.socketFile = Path.of(socketFile);
    }

    @Override
    public Socket createSocket() throws IOException {
        return UnixDomainSocket.connect(socketFile);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket();
    }
}
