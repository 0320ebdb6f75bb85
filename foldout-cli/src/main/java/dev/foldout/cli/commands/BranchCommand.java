package dev.foldout.cli.commands;

import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Foldout;
import dev.foldout.cli.Server;
import dev.foldout.cli.Settings;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foldout branch DB NAME [--backend NAME] [--force]}. */
@Command(name = "branch", description = "Make a writable copy-on-write branch of a database (or of a snapshot, or of an "
        + "instance branch). With --backend zfs or reflink-cluster the branch is a whole cluster on its own port.")
public final class BranchCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "DB", description = "The database, snapshot or instance branch to branch.")
    String database;
    @Parameters(index = "1", paramLabel = "NAME", description = "The branch's name.")
    String name;
    @Option(names = "--backend", paramLabel = "NAME", description = "The backend to use (default: the setting backend, else the best available).")
    String backend = "";
    @Option(names = {"-m", "--message"}, paramLabel = "MSG", description = "A message kept with the branch.")
    String message = "";
    @Option(names = "--listen", paramLabel = "ADDRESS", description = "For an instance branch: the address its server "
            + "listens on (an IP address or *; default: the setting listenAddress, else 127.0.0.1). The parent's pg_hba.conf still "
            + "decides who may connect.")
    String listen = "";
    @Option(names = "--force", description = "Terminate other sessions on DB instead of refusing.")
    boolean force;
    @Option(names = "--no-base", description = "Keep no merge base (the hidden copy 'foldout merge' needs): the branch "
            + "then only has the two-way diff.")
    boolean noBase;

    @Override
    public void run() {
        CopyOptions options = CopyOptions.DEFAULTS.withForce(force).withBackend(Server.backend(backend)).withMessage(message)
                .withListenAddress(listen.isEmpty() ? Settings.get("listenAddress", Map.of()).orElse("") : listen)
                .withBase(!noBase);
        try (Foldout fld = Server.connect()) {
            Branch b = fld.findSnapshot(database).map(s -> s.branch(name, options))
                    .or(() -> fld.findBranch(database).filter(p -> p.instance().isPresent()).map(p -> p.branch(name, options)))
                    .orElseGet(() -> fld.getDatabase(database).branch(name, options));
            PrintWriter out = spec.commandLine().getOut();
            out.println("branch \"" + b.name() + "\" of \"" + database + "\": " + b.info().copy().describe());
            b.info().base().ifPresent(base -> out.println("merge base kept: " + base.copy().describe()));
            b.instance().ifPresent(i -> out.println("serving on " + i.host() + ":" + i.port() + " (" + i.backend() + " at "
                    + i.location() + "); 'foldout stop " + name + "' / 'foldout start " + name + "'"));
            out.println("connect: " + b.jdbcUrl() + " (" + Server.credentials(fld) + ")");
        }
    }
}
