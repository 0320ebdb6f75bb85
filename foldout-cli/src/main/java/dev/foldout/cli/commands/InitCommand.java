package dev.foldout.cli.commands;

import dev.foldout.BackendStatus;
import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import dev.foldout.cli.Server;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code foldout init}: as a superuser, makes Foldout's catalog (owned by role {@code foldout_owner}, which no one logs
 * in as) or takes over one an ordinary role owns, then checks this machine and the server for what Foldout needs —
 * the server (reachable, its
 * data directory visible for instance branches), each backend (copy-on-write file system, ZFS), the storage's
 * health — and says what is missing and how to get it. Exits 1 when no backend can run.
 */
@Command(name = "init", description = "As a superuser, make (or take over) Foldout's catalog; then check the machine and "
        + "server: backends, ZFS or reflink support, binaries, rights.")
public final class InitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("java " + Runtime.version() + (isRoot() ? ", running as root: servers run as an unprivileged account "
                + "($FOLDOUT_OS_USER, default postgres)" : ""));
        dev.foldout.FoldoutConfig config = Server.config();
        for (String line : Foldout.initCatalog(config)) {
            out.println("catalog  " + dev.foldout.cli.Views.forCli(line));
        }
        try (Foldout fld = Foldout.connect(config)) {
            out.println("ok       server PostgreSQL " + fld.server().version() + " at " + fld.server().host() + ":"
                    + fld.server().port() + " as " + fld.server().user());
            int usable = print(out, "database", fld.backends()) + print(out, "instance", fld.instanceBackends());
            for (String line : fld.storageHealth()) {
                out.println("storage  " + line);
            }
            if (usable == 0) {
                throw new FoldoutException("no backend can run here: see the lines marked 'missing' above");
            }
            out.println(usable + " backend(s) ready");
        }
    }

    private static int print(PrintWriter out, String kind, List<BackendStatus> statuses) {
        int usable = 0;
        for (BackendStatus s : statuses) {
            out.printf("%-8s %s backend %s: %s%n", s.available() ? "ok" : "missing", kind, s.name(), s.reason());
            usable += s.available() ? 1 : 0;
        }
        return usable;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
