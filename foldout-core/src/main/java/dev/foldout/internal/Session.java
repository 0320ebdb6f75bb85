package dev.foldout.internal;

import dev.foldout.internal.diff.QuietBranches;
import dev.foldout.internal.diff.locate.WalBlocksMemo;
import dev.foldout.FoldoutConfig;
import dev.foldout.ProgressListener;
import dev.foldout.ServerInfo;
import dev.foldout.internal.catalog.CatalogDatabase;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one {@link dev.foldout.Foldout} shares among its operations: the configuration, the server's facts,
 * the backends, and one catalog connection for reads (operations that change things open their own).
 */
public final class Session implements AutoCloseable {
    private final FoldoutConfig config;
    private final ServerConnections connections;
    private final Backends backends;
    private final ReentrantLock readLock = new ReentrantLock();
    private final Connection reads;
    private final ServerInfo server;
    private final Optional<Path> dataDirectory;
    private final IdleConnections idle = new IdleConnections();
    private final QuietBranches quietBranches = new QuietBranches();
    private final WalBlocksMemo walBlocks = new WalBlocksMemo();
    private final dev.foldout.internal.rewind.Rewinds rewinds = new dev.foldout.internal.rewind.Rewinds();
    private volatile boolean closed;

    /** Connects, creates or migrates the catalog, and reads the server's facts. */
    public Session(FoldoutConfig config) {
        this.config = config;
        this.connections = new ServerConnections(config);
        this.backends = Backends.load();
        this.reads = CatalogDatabase.open(connections);
        try {
            Object[] facts = readServerFacts(reads);
            this.server = serverInfo(facts);
            this.dataDirectory = findDataDirectory((String) facts[5]);
        } catch (SQLException e) {
            closeQuietly(reads);
            throw SqlErrors.translate(e, "reading the server's settings", connections.address());
        } catch (RuntimeException e) {
            closeQuietly(reads);
            throw e;
        }
    }

    /**
     * The server's facts in one query - version, role, {@code file_copy_method}, whether the database the URL names
     * exists, and the data directory when this role may read it - and the check that the URL's database exists (the
     * session itself talks to the catalog's database): a URL naming none fails here, at connect, not at first use.
     */
    private Object[] readServerFacts(Connection c) throws SQLException {
        String named = connections.url().database();
        Object[] row = Jdbc.queryOne(c, "select current_setting('server_version_num'), current_setting('server_version'), "
                + "current_user::text, coalesce(current_setting('file_copy_method', true), ''), "
                + "exists (select 1 from pg_database where datname = ?), "
                + "case when pg_has_role(current_user, 'pg_read_all_settings', 'MEMBER') "
                + "or (select rolsuper from pg_roles where rolname = current_user) "
                + "then current_setting('data_directory') end", rs -> new Object[] {rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getString(6)}, named)
                .orElseThrow();
        if (!named.isEmpty() && !(Boolean) row[4]) {
            throw new dev.foldout.NotFoundException("the database \"" + named + "\" that the URL names does not exist on "
                    + connections.address() + ": create it first, or connect with the URL of one that exists ("
                    + Fixes.DATABASES + " lists them)");
        }
        return row;
    }

    private ServerInfo serverInfo(Object[] facts) {
        return new ServerInfo(connections.url().host(), connections.url().port(), Integer.parseInt((String) facts[0]),
                (String) facts[1], (String) facts[2], (String) facts[3]);
    }

    /** The configured data path, else the server's data directory when this role may read it and it is on this host. */
    private Optional<Path> findDataDirectory(String serverSays) {
        if (config.dataPath().isPresent()) {
            return config.dataPath();
        }
        if (serverSays == null) {
            return Optional.empty();
        }
        Path dir = Path.of(serverSays);
        boolean local = connections.url().host().equals("localhost") || connections.url().host().startsWith("127.")
                || connections.url().host().equals("::1");
        return local && Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /** The configuration. */
    public FoldoutConfig config() {
        return config;
    }

    /** Connections to the server. */
    public ServerConnections connections() {
        return connections;
    }

    /** The server's facts. */
    public ServerInfo server() {
        return server;
    }

    /** The server's data directory, if visible from this host. */
    public Optional<Path> dataDirectory() {
        return dataDirectory;
    }

    /** The backends found on the class path. */
    public Backends backends() {
        return backends;
    }

    /** The progress listener. */
    public ProgressListener progress() {
        return config.progress();
    }

    /**
     * A connection kept between calls of this session under {@code key} (a database, or a URL), else a new one from
     * {@code opener}; closing it hands it back, rolled back. For reads that run often, like a diff's.
     */
    public Connection borrow(String key, IdleConnections.Opener opener) throws SQLException {
        ensureOpen();
        return idle.borrow(key, opener);
    }

    /** What this session's diffs learned of branches nothing has written to since they were made. */
    public QuietBranches quietBranches() {
        return quietBranches;
    }

    /** What this session's diffs read of the WAL: the blocks touched since each branch they diffed. */
    public WalBlocksMemo walBlocks() {
        return walBlocks;
    }

    /** The branches this session made, which it can rewind in place, and their parents' layouts. */
    public dev.foldout.internal.rewind.Rewinds rewinds() {
        return rewinds;
    }

    /** Closes the connections kept between calls: they count as sessions on databases an operation renames or drops. */
    public void releaseIdle() {
        idle.closeIdle();
    }

    /** A new connection to the catalog database for an operation that changes things; the caller closes it. */
    public Connection openOwner() {
        ensureOpen();
        idle.closeIdle(); // a kept connection would count as a session on a database this operation may lock or drop
        return connections.open(CatalogDatabase.NAME);
    }

    /** Runs a read on the shared catalog connection. */
    public <T> T read(String what, ReadAction<T> action) {
        ensureOpen();
        readLock.lock();
        try {
            return action.run(reads);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, what, connections.address());
        } finally {
            readLock.unlock();
        }
    }

    /** A read against the catalog connection. */
    @FunctionalInterface
    public interface ReadAction<T> {
        /** Runs the read. */
        T run(Connection c) throws SQLException;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Foldout session is closed");
        }
    }

    /** Closes the shared connection. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            idle.close();
            closeQuietly(reads);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to do: the session is going away
        }
    }
}
