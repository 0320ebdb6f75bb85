package dev.foldout.cli.commands;

import dev.foldout.ConnectionUrl;
import dev.foldout.Foldout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code foldout embedded start|stop}: Foldout's own cluster, which other commands start on first use. */
@Command(name = "embedded", description = "Start or stop Foldout's own embedded PostgreSQL cluster.",
        subcommands = {EmbeddedCommand.Start.class, EmbeddedCommand.Stop.class})
public final class EmbeddedCommand {

    /** {@code foldout embedded start}. */
    @Command(name = "start", description = "Start the embedded cluster (made on first use) and print where it listens.")
    static final class Start implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            ConnectionUrl url = Foldout.embeddedServer();
            spec.commandLine().getOut().println("embedded PostgreSQL listens on " + url.address() + " ("
                    + url.withDatabase("postgres").jdbcUrl() + ", user " + url.user() + ", password in "
                    + Foldout.embeddedPasswordFile() + "); it keeps this port when it starts again, unless another "
                    + "program has taken it");
        }
    }

    /** {@code foldout embedded stop}. */
    @Command(name = "stop", description = "Stop the embedded cluster; its data stays for next time.")
    static final class Stop implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().println(Foldout.stopEmbedded() ? "embedded PostgreSQL stopped" : "embedded PostgreSQL was not running");
        }
    }
}
