package dev.foldout.cli.commands;

import dev.foldout.Foldout;
import dev.foldout.cli.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code foldout stop NAME}: stops an instance branch's server; its data stays. */
@Command(name = "stop", description = "Stop an instance branch's PostgreSQL server (fast shutdown); its data stays.")
public final class StopCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance branch.")
    String name;

    @Override
    public void run() {
        try (Foldout fld = Server.connect()) {
            fld.getBranch(name).stop();
            spec.commandLine().getOut().println("stopped branch \"" + name + "\"");
        }
    }
}
