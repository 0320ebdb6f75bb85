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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code foldout} command. Exit codes: 0 success, 1 an operation failed (one line on stderr),
 * 2 bad usage.
 */
@Command(name = "foldout", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Copy-on-write snapshots and branches of PostgreSQL databases.%n"
                + "Server: --url, else FLD_DATABASE, else the settings files (foldout config), else Foldout's own "
                + "embedded cluster.")
public final class Main implements Runnable {
    /** Every sub-command by name, in the order the usage lists them. */
    static final Map<String, Supplier<Object>> COMMANDS = commands();
    private static final String JNA_PATHS = "jna.platform.library.path";
    @CommandLine.Mixin
    Server server;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        setUpJvm();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, out, err);
        out.flush(); // what a command printed without a line break is not flushed by println's auto-flush
        err.flush();
        ArchiveClassList.writeIfAsked();
        System.exit(code);
    }

    /** What every CLI JVM sets before its first command (the resident JVM too). */
    public static void setUpJvm() {
        if (System.getProperty(JNA_PATHS) == null) {
            // unless this is set, JNA starts '/sbin/ldconfig -p' to learn the system's library directories (about 30 ms
            // of a snapshot's time); the CLI loads only libc, which JNA takes from the process itself
            System.setProperty(JNA_PATHS, "/usr/lib:/lib");
        }
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            applySettings();
        } catch (IllegalArgumentException e) {
            err.println("foldout: " + e.getMessage());
            return 1;
        }
        return runCommand(args, out, err);
    }

    /**
     * Sets the system properties the settings files name (the log level, the instance branches' ports), unless set
     * already (by {@code -D}). Throws IllegalArgumentException when a settings file cannot be read.
     */
    public static void applySettings() {
        if (System.getProperty(Settings.LEVEL_PROPERTY) != null && System.getProperty(Settings.PORTS_PROPERTY) != null) {
            return; // both given by -D: the files are not read here
        }
        Map<String, Settings.Value> settings = Settings.load(Map.of()); // the files, read once
        for (Map.Entry<String, String> p : Map.of("logLevel", Settings.LEVEL_PROPERTY, "instancePorts",
                Settings.PORTS_PROPERTY).entrySet()) {
            Settings.Value v = settings.get(p.getKey());
            if (v != null && System.getProperty(p.getValue()) == null) {
                System.setProperty(p.getValue(), v.value());
            }
        }
    }

    /** Runs the command line with the given streams, the settings' properties already set; returns the exit code. */
    public static int runCommand(String[] args, PrintWriter out, PrintWriter err) {
        Server.forget();
        String named = commandNamed(args);
        PreparedSession.begin(named, args);
        try {
            return execute(args, named, out, err);
        } finally {
            PreparedSession.discard();
        }
    }

    /**
     * Runs command lines whose output nobody reads, so that the resident JVM has loaded and compiled their code before
     * its first real command: every command's usage, and the listings (read-only) when a server is known without
     * starting one.
     */
    public static void warmUp(PrintWriter sink) {
        runCommand(new String[] {"--help"}, sink, sink);
        if (Server.configIfKnown(Map.of()).isPresent()) {
            for (int round = 0; round < 3; round++) {
                for (String listing : new String[] {"databases", "snapshots", "branches"}) {
                    runCommand(new String[] {listing, "list"}, sink, sink);
                }
            }
        }
    }

    private static int execute(String[] args, String named, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        for (Map.Entry<String, Supplier<Object>> c : COMMANDS.entrySet()) {
            if (named == null || named.equals(c.getKey())) {
                cli.addSubcommand(c.getKey(), c.getValue().get());
            }
        }
        if (cli.getSubcommands().containsKey("branches")) {
            // one grammar: 'branches delete NAME' beside 'snapshots delete NAME' ('delete-branch' stays, as before)
            CommandLine delete = new CommandLine(new DeleteBranchCommand());
            delete.getCommandSpec().name("delete"); // its usage says 'branches delete', not 'branches delete-branch'
            cli.getSubcommands().get("branches").addSubcommand("delete", delete);
        }
        addHelp(cli);
        if (Invocation.served()) {
            // picocli asks System.console(), which is the resident's (none): colour as the command's own JVM would
            cli.setColorScheme(CommandLine.Help.defaultColorScheme(Invocation.current().ansi()));
        }
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

    /**
     * The sub-command {@code args} run, when it is one that needs no other to be known; else null (no command, an
     * unknown one, {@code help} and {@code completion}, which list them all). Picocli builds a command's model by
     * reflection when it is added, which took most of a short command's time when every command was added each run.
     */
    public static String commandNamed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--url")) {
                i++; // its value
            } else if (!a.startsWith("-")) {
                return COMMANDS.containsKey(a) && !a.equals("help") && !a.equals("completion") ? a : null;
            }
        }
        return null;
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

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("databases", DatabasesCommand::new);
        all.put("snapshot", SnapshotCommand::new);
        all.put("commit", SnapshotCommand.Commit::new);
        all.put("snapshots", SnapshotsCommand::new);
        all.put("branch", BranchCommand::new);
        all.put("branches", BranchesCommand::new);
        all.put("delete-branch", DeleteBranchCommand::new);
        all.put("version", VersionCommand::new);
        all.put("demo", DemoCommand::new);
        all.put("embedded", EmbeddedCommand::new);
        all.put("start", StartCommand::new);
        all.put("stop", StopCommand::new);
        all.put("status", StatusCommand::new);
        all.put("init", InitCommand::new);
        all.put("diff", DiffCommand::new);
        all.put("apply", ApplyCommand::new);
        all.put("merge", MergeCommand::new);
        all.put("rebase", RebaseCommand::new);
        all.put("reset", ResetCommand::new);
        all.put("config", ConfigCommand::new);
        all.put("completion", CompletionCommand::new);
        all.put("help", CommandLine.HelpCommand::new);
        return all;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'foldout --help'");
    }
}
