package dev.foldout.internal.backend.template;

import dev.foldout.BackendStatus;
import dev.foldout.CopyMethod;
import dev.foldout.CopyReport;
import dev.foldout.FoldoutException;
import dev.foldout.Identifiers;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import dev.foldout.spi.BackendContext;
import dev.foldout.spi.BranchBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a database with {@code CREATE DATABASE target TEMPLATE source STRATEGY FILE_COPY}. Works over any
 * connection, even to a remote server. On PostgreSQL 18 it asks for {@code file_copy_method = clone} for its
 * own session, so that on XFS (reflink=1), btrfs or ZFS the server clones the files instead of copying them;
 * {@link FileSystems} measures on the new database's files which of the two happened.
 */
public final class TemplateBackend implements BranchBackend {
    /** The backend's name. */
    public static final String NAME = "template";
    private static final Logger LOG = LoggerFactory.getLogger(TemplateBackend.class);

    /** For {@link java.util.ServiceLoader}. */
    public TemplateBackend() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public BackendStatus status(BackendContext context) {
        if (context.server().majorVersion() >= 18) {
            return new BackendStatus(NAME, true, "CREATE DATABASE ... STRATEGY FILE_COPY with file_copy_method = clone "
                    + "(copy-on-write where the file system shares extents; " + FileSystems.describe(context.dataDirectory()) + ")");
        }
        return new BackendStatus(NAME, true, "CREATE DATABASE ... TEMPLATE (a full file copy before PostgreSQL 18)");
    }

    @Override
    public CopyReport copy(BackendContext context, String source, String target) {
        Connection c = context.connection();
        int major = context.server().majorVersion();
        String sql = "create database " + Identifiers.quote(target) + " template " + Identifiers.quote(source)
                + (major >= 15 ? " strategy file_copy" : "");
        String address = context.server().host() + ":" + context.server().port();
        try {
            if (major >= 18) {
                return copyWithClone(context, c, sql, source, target, address);
            }
            context.progress().step("copying \"" + source + "\" to \"" + target + "\" (file copy)");
            long t0 = System.nanoTime();
            Jdbc.execute(c, sql);
            return new CopyReport(CopyMethod.FILE_COPY, Duration.ofNanos(System.nanoTime() - t0),
                    "PostgreSQL " + major + " copies every file; PostgreSQL 18 on XFS or btrfs clones them");
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "copying database \"" + source + "\" to \"" + target + "\"", address);
        }
    }

    private CopyReport copyWithClone(BackendContext context, Connection c, String sql, String source, String target,
                                     String address) throws SQLException {
        Jdbc.execute(c, "set file_copy_method = clone");
        try {
            context.progress().step("copying \"" + source + "\" to \"" + target + "\" (file_copy_method = clone)");
            long t0 = System.nanoTime();
            try {
                Jdbc.execute(c, sql);
            } catch (SQLException cloneFailed) {
                if (!FileSystems.looksLikeCloneUnsupported(cloneFailed)) {
                    throw cloneFailed;
                }
                LOG.info("clone failed on {} ({}); copying instead", address, cloneFailed.getMessage());
                Jdbc.execute(c, "set file_copy_method = copy");
                context.progress().step("clone is not possible here; copying \"" + source + "\" instead");
                long t1 = System.nanoTime();
                Jdbc.execute(c, sql);
                return new CopyReport(CopyMethod.FILE_COPY, Duration.ofNanos(System.nanoTime() - t1),
                        "the server could not clone: " + firstLine(cloneFailed.getMessage()));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            context.copyWritten(); // the verdict below only reads the copy's extents
            FileSystems.Verdict verdict = FileSystems.cloneVerdict(c, context.dataDirectory(), context.server().majorVersion(), target);
            return new CopyReport(verdict.cloned() ? CopyMethod.CLONE : CopyMethod.FILE_COPY, took, verdict.note());
        } finally {
            try {
                Jdbc.execute(c, "reset file_copy_method");
            } catch (SQLException e) {
                throw new FoldoutException("could not reset file_copy_method on " + address + ": " + e.getMessage(), e);
            }
        }
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return message == null ? "" : nl < 0 ? message : message.substring(0, nl);
    }
}
