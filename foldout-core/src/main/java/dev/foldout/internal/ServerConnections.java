package dev.foldout.internal;

import dev.foldout.ConnectionUrl;
import dev.foldout.FoldoutConfig;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/** Opens connections to the databases of one server with the configured credentials and time-outs. */
public final class ServerConnections {
    private final ConnectionUrl url;
    private final int connectTimeoutSeconds;
    private final java.util.Optional<java.nio.file.Path> localSocket;
    private volatile boolean socketFailed;

    /** For the server of {@code config}. */
    public ServerConnections(FoldoutConfig config) {
        this.url = config.url();
        this.connectTimeoutSeconds = (int) Math.max(1, config.connectTimeout().toSeconds());
        this.localSocket = config.localSocket();
    }

    /** The configured URL. */
    public ConnectionUrl url() {
        return url;
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return url.address();
    }

    /** A new auto-commit connection to {@code database}; the caller closes it. */
    public Connection open(String database) {
        return open(url.withDatabase(database));
    }

    /** The configured credentials, for a server on another address (an instance branch's own cluster). */
    public ConnectionUrl at(String host, int port, String database) {
        return new ConnectionUrl(host, port, database, url.user(), url.password(), url.params());
    }

    /** A new auto-commit connection to {@code target} with the configured credentials and time-outs; the caller closes it. */
    public Connection open(ConnectionUrl target) {
        String database = target.database();
        Properties props = new Properties();
        for (Map.Entry<String, String> e : url.params().entrySet()) {
            props.setProperty(e.getKey(), e.getValue());
        }
        if (!url.user().isEmpty()) {
            props.setProperty("user", url.user());
        }
        if (!url.password().isEmpty()) {
            props.setProperty("password", url.password());
        }
        props.putIfAbsent("connectTimeout", Integer.toString(connectTimeoutSeconds));
        props.putIfAbsent("ApplicationName", "foldout");
        // every server Foldout supports is newer: the driver then sends the application name in the start-up packet
        // instead of a SET statement of its own after connecting (a round trip on every connection)
        props.putIfAbsent("assumeMinServerVersion", "9.4");
        try {
            if (throughSocket(target)) {
                try {
                    return DriverManager.getConnection(target.jdbcUrl(), socketProperties(props));
                } catch (SQLException e) {
                    String state = String.valueOf(e.getSQLState());
                    if (state.startsWith("08")) {
                        socketFailed = true; // the socket is gone (the server restarted without it, say): TCP from now on
                    } else if (!state.startsWith("28")) {
                        throw e;
                    } // refused on the socket (peer authentication for another OS user, say): TCP, with the password
                }
            }
            return DriverManager.getConnection(target.jdbcUrl(), props);
        } catch (SQLException e) {
            if ("55000".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("not currently accepting connections")) {
                throw new dev.foldout.FoldoutException("database \"" + database + "\" on " + target.address() + " refuses "
                        + "connections (ALLOW_CONNECTIONS is off): a snapshot always does; if a Foldout operation died holding it, "
                        + Fixes.REPAIR + " repairs it; else run ALTER DATABASE ... ALLOW_CONNECTIONS true as its owner", e);
            }
            throw SqlErrors.translate(e, "connecting to database \"" + database + "\"", target.address());
        }
    }

    /** Whether a connection to {@code target} goes through the configured socket: it is the URL's own server. */
    private boolean throughSocket(ConnectionUrl target) {
        return localSocket.isPresent() && !socketFailed && target.host().equals(url.host()) && target.port() == url.port()
                && !url.params().containsKey("socketFactory");
    }

    /** {@code tcp} with the driver told to reach the server through the socket file, where TLS has no use. */
    private Properties socketProperties(Properties tcp) {
        Properties props = new Properties();
        props.putAll(tcp);
        props.setProperty("socketFactory", dev.foldout.internal.sql.UnixSocketFactory.CLASS_NAME);
        props.setProperty("socketFactoryArg", localSocket.orElseThrow().toString());
        props.setProperty("sslmode", "disable");
        return props;
    }
}
