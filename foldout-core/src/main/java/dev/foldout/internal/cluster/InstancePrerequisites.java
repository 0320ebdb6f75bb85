package dev.foldout.internal.cluster;

import dev.foldout.FoldoutException;
import dev.foldout.server.OsAccount;
import dev.foldout.internal.sql.Jdbc;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What every instance backend needs before its own checks: a superuser connection, the parent server's binaries with
 * {@code pg_ctl} beside them, an account to run branch servers as, and {@code runuser} when that means switching from
 * root. {@code foldout init} reports the first that is missing.
 */
final class InstancePrerequisites {
    private InstancePrerequisites() {
    }

    /** The first missing prerequisite, said as what is missing and how to get it; empty when all are there. */
    static Optional<String> problem(Connection c, Optional<Path> dataDir) throws SQLException {
        boolean superuser = Jdbc.queryOne(c, "select rolsuper from pg_roles where rolname = current_user", rs -> rs.getBoolean(1))
                .orElse(false);
        if (!superuser) {
            return Optional.of("needs a superuser connection, and role '" + Jdbc.string(c, "select current_user::text")
                    + "' is not one: connect as a superuser");
        }
        if (dataDir.isEmpty()) {
            return Optional.of("the server's data directory is not visible from this host: run Foldout on the server's host, "
                    + "or set FLD_PG_DATA_PATH to where it is mounted");
        }
        try {
            ParentCluster.binaries(dataDir.get());
            String account = ParentCluster.account(dataDir.get());
            if (!account.isEmpty() && OsAccount.isRoot() && onPath("runuser").isEmpty()) {
                return Optional.of("branch servers run as '" + account + "' through runuser, which is not installed: "
                        + "install util-linux");
            }
        } catch (FoldoutException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
