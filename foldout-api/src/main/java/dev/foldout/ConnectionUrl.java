package dev.foldout;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a PostgreSQL server is and how to log in, parsed from a JDBC URL
 * ({@code jdbc:postgresql://host:port/db?user=u&password=p}) or a libpq URI
 * ({@code postgresql://u:p@host:port/db}).
 *
 * @param host     the host name or address
 * @param port     the port
 * @param database the database named in the URL
 * @param user     the role (empty: the driver's default)
 * @param password the password (empty: none); never shown by {@link #toString()}
 * @param params   other parameters, passed to the driver as they are
 */
public record ConnectionUrl(String host, int port, String database, String user, String password,
                            Map<String, String> params) {
    private static final int DEFAULT_PORT = 5432;

    /** Validates the record. */
    public ConnectionUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
        params = Map.copyOf(Objects.requireNonNullElse(params, Map.of()));
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (database.isEmpty()) {
            throw new IllegalArgumentException("database must not be empty");
        }
    }

    /**
     * Parses a JDBC URL or a libpq URI.
     *
     * @throws IllegalArgumentException naming the URL (password masked) and the expected form
     */
    public static ConnectionUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no database URL given; expected postgresql://user:password@host:port/db "
                    + "or jdbc:postgresql://host:port/db?user=...");
        }
        String rest;
        if (url.startsWith("jdbc:postgresql://")) {
            rest = url.substring("jdbc:postgresql://".length());
        } else if (url.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else if (url.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException("not a PostgreSQL URL: '" + mask(url) + "'; expected "
                    + "postgresql://user:password@host:port/db or jdbc:postgresql://host:port/db?user=...");
        }
        try {
            return parseAuthority(rest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad PostgreSQL URL '" + mask(url) + "': " + e.getMessage(), e);
        }
    }

    private static ConnectionUrl parseAuthority(String rest) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                params.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : decode(rest.substring(slash + 1));
        String user = "";
        String password = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        if (authority.contains(",")) {
            throw new IllegalArgumentException("several hosts are not supported; name one host");
        }
        String host = authority;
        int port = DEFAULT_PORT;
        int portColon = authority.lastIndexOf(':');
        if (portColon >= 0 && portColon > authority.lastIndexOf(']')) {
            host = authority.substring(0, portColon);
            port = parsePort(authority.substring(portColon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        host = host.isEmpty() ? params.getOrDefault("host", "localhost") : decode(host);
        user = user.isEmpty() ? params.getOrDefault("user", "") : user;
        password = password.isEmpty() ? params.getOrDefault("password", "") : password;
        params.remove("user");
        params.remove("password");
        params.remove("host");
        if (params.containsKey("port")) {
            port = parsePort(params.remove("port"));
        }
        String db = database.isEmpty() ? params.getOrDefault("dbname", user.isEmpty() ? "postgres" : user) : database;
        params.remove("dbname");
        return new ConnectionUrl(host, port, db, user, password, params);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port " + text + " is outside 1..65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + text + "' is not a number", e);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The same server and credentials, pointed at another database. */
    public ConnectionUrl withDatabase(String otherDatabase) {
        return new ConnectionUrl(host, port, otherDatabase, user, password, params);
    }

    /** A JDBC URL for {@link #database()} without the user and password (pass those as properties). */
    public String jdbcUrl() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        StringBuilder sb = new StringBuilder("jdbc:postgresql://").append(h).append(':').append(port).append('/')
                .append(java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return sb.toString();
    }

    /** A JDBC URL for {@link #database()} that carries the user and password too, for tools that take one string. */
    public String jdbcUrlWithCredentials() {
        String base = jdbcUrl();
        StringBuilder sb = new StringBuilder(base);
        char sep = base.indexOf('?') >= 0 ? '&' : '?';
        if (!user.isEmpty()) {
            sb.append(sep).append("user=").append(java.net.URLEncoder.encode(user, StandardCharsets.UTF_8));
            sep = '&';
        }
        if (!password.isEmpty()) {
            sb.append(sep).append("password=").append(java.net.URLEncoder.encode(password, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URL with its password masked. */
    @Override
    public String toString() {
        return "postgresql://" + (user.isEmpty() ? "" : user + (password.isEmpty() ? "" : ":***") + "@")
                + address() + "/" + database;
    }

    /** Masks the password in a URL given as text, for messages about a URL that did not parse. */
    public static String mask(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
