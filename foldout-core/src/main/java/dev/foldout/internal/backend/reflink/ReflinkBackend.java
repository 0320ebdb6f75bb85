package dev.foldout.internal.backend.reflink;

import dev.foldout.internal.cow.SharedExtents;
import dev.foldout.internal.cow.Ficlone;
import dev.foldout.internal.cow.Errno;
import dev.foldout.internal.cow.TreeClone;
import dev.foldout.internal.cow.Phases;
import dev.foldout.BackendStatus;
import dev.foldout.CopyMethod;
import dev.foldout.CopyReport;
import dev.foldout.FoldoutException;
import dev.foldout.NotSupportedException;
import dev.foldout.internal.ops.ClusterDatabases;
import dev.foldout.Identifiers;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.spi.BackendContext;
import dev.foldout.spi.BranchBackend;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Copies a database inside its cluster by cloning its files with {@code FICLONE}, for PostgreSQL 15 to 17 on a
 * reflink file system (18 does the same itself: the template backend with {@code file_copy_method = clone}).
 *
 * <p>PostgreSQL owns the catalog entry: {@code CREATE DATABASE target TEMPLATE template0 ... ALLOW_CONNECTIONS false}
 * makes it (a small copy, and the checkpoint after it means crash recovery never replays that copy). Then, in one
 * transaction, the source database is locked as {@code CREATE DATABASE} locks its template (a rename there and back
 * takes its exclusive lock until commit: autovacuum workers in it are ended, none starts); a {@code CHECKPOINT}
 * writes its pages; the target's files are replaced by clones of the source's in every tablespace, and synced; the
 * target's {@code pg_database} columns and {@code pg_shdepend} rows are made those a template copy inherits, and
 * connections allowed. A failure drops the target; a process that dies half-way leaves a journaled target that
 * the next call drops. The clone is not WAL-logged: a standby or a point-in-time restore replays the creation as
 * a copy of template0 (as with any file copy made behind PostgreSQL's back).
 */
public final class ReflinkBackend implements BranchBackend {
    /** The backend's name. */
    public static final String NAME = "reflink";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReflinkBackend.class);

    /** For {@link java.util.ServiceLoader}. */
    public ReflinkBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Below the template backend: faster on 15 to 17, but needs a superuser on the same host and is not WAL-logged. */
    @Override
    public int priority() {
        return 50;
    }

    @Override
    public BackendStatus status(BackendContext context) {
        Optional<String> why = unavailableBecause(context);
        return new BackendStatus(NAME, why.isEmpty(), why.orElseGet(() ->
                "FICLONE of the database's files after a CHECKPOINT, on " + Errno.fsType(context.dataDirectory().orElseThrow())
                        + " (not WAL-logged: standbys get a copy of template0)"));
    }

    private static Optional<String> unavailableBecause(BackendContext context) {
        int major = context.server().majorVersion();
        if (major >= 18) {
            return Optional.of("PostgreSQL " + major + " clones by itself: use the template backend (file_copy_method = "
                    + "clone), which is also WAL-logged");
        }
        if (major < 15) {
            return Optional.of("needs PostgreSQL 15 to 17, the server runs " + context.server().version());
        }
        if (context.dataDirectory().isEmpty()) {
            return Optional.of("the server's data directory is not visible from this host: run Foldout on the server's "
                    + "host, or set FLD_PG_DATA_PATH to where it is mounted");
        }
        try {
            if (!Jdbc.queryOne(context.connection(), "select rolsuper from pg_roles where rolname = current_user",
                    rs -> rs.getBoolean(1)).orElse(false)) {
                return Optional.of("needs a superuser connection (it fills in pg_database and pg_shdepend as CREATE DATABASE does)");
            }
        } catch (SQLException e) {
            return Optional.of("cannot check the connection's role: " + e.getMessage());
        }
        return Ficlone.probe(context.dataDirectory().get()).map(r -> "the data directory cannot be cloned: " + r);
    }

    @Override
    public CopyReport copy(BackendContext context, String source, String target) {
        Connection c = context.connection();
        String address = context.server().host() + ":" + context.server().port();
        Path dataDir = context.dataDirectory().orElseThrow(() -> new NotSupportedException(
                "backend reflink needs the server's data directory on this host"));
        try {
            ClusterDatabases.Row src = ClusterDatabases.find(c, source).orElseThrow(() -> new FoldoutException(
                    "database \"" + source + "\" vanished before it could be cloned"));
            String tablespace = Jdbc.string(c, "select t.spcname::text from pg_database d join pg_tablespace t "
                    + "on t.oid = d.dattablespace where d.oid = ?::bigint::oid", src.oid());
            context.progress().step("creating \"" + target + "\" for the clone of \"" + source + "\"");
            long t0 = System.nanoTime();
            Phases phases = new Phases();
            Jdbc.execute(c, "create database " + Identifiers.quote(target) + " template template0 strategy file_copy "
                    + "tablespace " + Identifiers.quote(tablespace) + " allow_connections false");
            phases.done("create database");
            try {
                context.progress().step("cloning the files of \"" + source + "\" (FICLONE)");
                TreeClone.Result files = DatabaseClone.run(c, dataDir, context.server().majorVersion(), src, target, phases);
                context.copyWritten(); // the report below only reads the clone's extents
                CopyReport report = report(dataDir, files, Duration.ofNanos(System.nanoTime() - t0));
                phases.done("FIEMAP check");
                LOG.info("cloned \"{}\" to \"{}\": {} ({})", source, target, report.describe(), phases);
                return report;
            } catch (SQLException | RuntimeException e) {
                dropQuietly(c, target, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "cloning database \"" + source + "\" to \"" + target + "\"", address);
        }
    }

    private static CopyReport report(Path dataDir, TreeClone.Result files, Duration took) {
        SharedExtents.Verdict v = SharedExtents.measure(files.cloned(), files.bytes());
        long shared = v.sharedBytes();
        String fs = Errno.fsType(dataDir);
        String sizes = files.files() + " files, " + mb(files.bytes());
        if (v.kind() == SharedExtents.Kind.UNKNOWN) {
            return new CopyReport(CopyMethod.CLONE, took, "FICLONE on " + fs + ": " + sizes + " (the file system does not "
                    + "report shared extents)");
        }
        if (v.kind() == SharedExtents.Kind.COPIED) {
            return new CopyReport(CopyMethod.FILE_COPY, took, "FICLONE on " + fs + " shared no extent: the file system "
                    + "copied " + sizes);
        }
        return new CopyReport(CopyMethod.CLONE, took, "reflink on " + fs + ": " + sizes + ", " + mb(shared) + " shared");
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }

    private static void dropQuietly(Connection c, String target, Exception cause) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            ClusterDatabases.dropIfExists(c, target, true);
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
