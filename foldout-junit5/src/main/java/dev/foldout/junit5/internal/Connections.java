package dev.foldout.junit5.internal;

import dev.foldout.ConnectionUrl;
import dev.foldout.FoldoutConfig;
import dev.foldout.FoldoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/** Opens connections to the databases of the run's server, with its URL's credentials and parameters. */
final class Connections {
    private final ConnectionUrl url;

    Connections(ConnectionUrl url) {
        this.url = url;
    }

    /** The run's server URL. */
    ConnectionUrl url() {
        return url;
    }

    /** {@code host:port}, for messages. */
    String address() {
        return url.address();
    }

    /** A new auto-commit connection to {@code database}; the caller closes it. */
    Connection open(String database) {
        ConnectionUrl target = url.withDatabase(database);
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
        props.putIfAbsent("ApplicationName", "foldout"); // as foldout-core names its sessions
        props.putIfAbsent("assumeMinServerVersion", "9.4"); // the name goes in the start-up packet, not a SET after it
        props.putIfAbsent("connectTimeout", Long.toString(FoldoutConfig.builder().url(url).build().connectTimeout().toSeconds()));
        try {
            return DriverManager.getConnection(target.jdbcUrl(), props);
        } catch (SQLException e) {
            throw new FoldoutException("could not connect to database \"" + database + "\" on " + target.address() + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }
}
