package dev.foldout.cli;

import dev.foldout.FoldoutException;
import dev.foldout.cli.commands.ApplyCommand;
import dev.foldout.cli.commands.BranchCommand;
import dev.foldout.cli.commands.BranchesCommand;
import dev.foldout.cli.commands.CompletionCommand;
import dev.foldout.cli.commands.ConfigCommand;
import dev.foldout.cli.commands.DatabasesCommand;
import dev.foldout.cli.commands.DeleteBranchCommand;
import dev.foldout.cli.commands.DemoCommand;
import dev.foldout.cli.commands.DiffCommand;
import dev.foldout.cli.commands.EmbeddedCommand;
import dev.foldout.cli.commands.InitCommand;
import dev.foldout.cli.commands.MergeCommand;
import dev.foldout.cli.commands.RebaseCommand;
import dev.foldout.cli.commands.ResetCommand;
import dev.foldout.cli.commands.SnapshotCommand;
import dev.foldout.cli.commands.StartCommand;
import dev.foldout.cli.commands.StatusCommand;
import dev.foldout.cli.commands.StopCommand;
import dev.foldout.cli.commands.SnapshotsCommand;
import dev.foldout.cli.commands.VersionCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code foldout} command. Exit codes: 0 success, 1 an operation failed (one line on stderr),
 * 2 bad usage.
 */
@Command(name = "foldout", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Copy-on-write snapshots and branches of PostgreSQL databases.%n"
                + "Server: --url, else FLD_DATABASE, else the settings files (foldout config), else Foldout's own "
                + "embedded cluster.",
        subcommands = {DatabasesCommand.class, SnapshotCommand.class, SnapshotCommand.Commit.class, SnapshotsCommand.class,
                BranchCommand.class, BranchesCommand.class, DeleteBranchCommand.class, VersionCommand.class,
                DemoCommand.class, EmbeddedCommand.class, StartCommand.class, StopCommand.class, StatusCommand.class,
                InitCommand.class, DiffCommand.class, ApplyCommand.class, MergeCommand.class,
                RebaseCommand.class, ResetCommand.class, ConfigCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Mixin
    Server server;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush(); // what a command printed without a line break is not flushed by println's auto-flush
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
                Settings.get("logLevel", java.util.Map.of())
                        .ifPresent(level -> System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level));
            }
            if (System.getProperty(Settings.PORTS_PROPERTY) == null) {
                Settings.get("instancePorts", java.util.Map.of())
                        .ifPresent(ports -> System.setProperty(Settings.PORTS_PROPERTY, ports));
            }
        } catch (IllegalArgumentException e) {
            err.println("foldout: " + e.getMessage());
            return 1;
        }
        CommandLine cli = new CommandLine(new Main());
        // one grammar: 'branches delete NAME' beside 'snapshots delete NAME' ('delete-branch' stays, as before)
        cli.getSubcommands().get("branches").addSubcommand("delete", new DeleteBranchCommand());
        addHelp(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof MergeCommand.ConflictsFound) {
                return MergeCommand.CONFLICTS;
            }
            if (e instanceof dev.foldout.MergeConflictException conflicts) {
                return MergeCommand.refused(conflicts, commandLine.getOut(), err);
            }
            if (e instanceof FoldoutException || e instanceof IllegalArgumentException) {
                err.println("foldout: " + Views.forCli(e.getMessage()));
            } else {
                err.println("foldout: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
                if (System.getenv("FOLDOUT_DEBUG") != null) {
                    e.printStackTrace(err);
                }
            }
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    /** Gives every command and group below {@code cli} a {@code -h, --help} that prints its usage. */
    private static void addHelp(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--help") == null && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help and exit.").build());
            }
            addHelp(sub);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'foldout --help'");
    }
}
