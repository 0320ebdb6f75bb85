package dev.foldout.cli.commands;

import dev.foldout.Branch;
import dev.foldout.Foldout;
import dev.foldout.InstanceInfo;
import dev.foldout.cli.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code foldout start NAME}: starts an instance branch's server on its port. */
@Command(name = "start", description = "Start an instance branch's PostgreSQL server (on its own port).")
public final class StartCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance branch.")
    String name;

    @Override
    public void run() {
        try (Foldout fld = Server.connect()) {
            Branch b = fld.getBranch(name);
            long t0 = System.nanoTime();
            b.start();
            InstanceInfo i = b.instance().orElseThrow();
            spec.commandLine().getOut().printf("started branch \"%s\" on %s:%d in %d ms%nconnect: %s (%s)%n", name, i.host(),
                    i.port(), (System.nanoTime() - t0) / 1_000_000, b.jdbcUrl(), Server.credentials(fld));
        }
    }
}
