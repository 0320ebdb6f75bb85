package dev.foldout.internal.cluster;

import dev.foldout.FoldoutException;
import dev.foldout.NotSupportedException;
import dev.foldout.server.OsAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Facts about the running cluster a branch is copied from, read from its data directory: the binaries of its
 * postmaster (through {@code /proc/PID/exe}, so the branch runs the very same server) and the account that owns it.
 */
final class ParentCluster {
    private ParentCluster() {
    }

    /** The directory holding {@code bin/postgres} of the postmaster that runs on {@code dataDir}. */
    static Path binaries(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).strip());
            Path exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"));
            Path home = exe.getParent().getParent();
            if (!Files.isExecutable(home.resolve("bin/pg_ctl"))) {
                throw new NotSupportedException("the server on " + dataDir + " runs " + exe + ", but there is no "
                        + home.resolve("bin/pg_ctl") + " beside it to start a branch with: install the server's pg_ctl");
            }
            return home;
        } catch (IOException | RuntimeException e) {
            if (e instanceof FoldoutException fe) {
                throw fe;
            }
            throw new NotSupportedException("cannot tell which PostgreSQL binaries run the server on " + dataDir + " ("
                    + pidFile + " or /proc/PID/exe unreadable: " + e.getMessage() + "): run Foldout on the server's host "
                    + "as root or as the account that owns the data directory", e);
        }
    }

    /** The account a branch's server runs as: the owner of the data directory when this process is root. */
    static String account(Path dataDir) {
        try {
            String owner = Files.getOwner(dataDir).getName();
            if (OsAccount.isRoot()) {
                if (owner.equals("root")) {
                    throw new NotSupportedException("the data directory " + dataDir + " belongs to root, and PostgreSQL "
                            + "refuses to run as root: give it to the account the server runs as");
                }
                return owner;
            }
            if (!owner.equals(System.getProperty("user.name"))) {
                throw new NotSupportedException("the data directory " + dataDir + " belongs to '" + owner + "': run Foldout "
                        + "as '" + owner + "' or as root to start branch servers as that account");
            }
            return "";
        } catch (IOException e) {
            throw new NotSupportedException("cannot read the owner of " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
