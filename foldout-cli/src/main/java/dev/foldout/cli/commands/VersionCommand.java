package dev.foldout.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foldout version}. */
@Command(name = "version", description = "Print Foldout's version and the PostgreSQL version it embeds.")
public final class VersionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
    }

    /** Reads the versions the build wrote into {@code foldout-cli.properties}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = VersionCommand.class.getResourceAsStream("/foldout-cli.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not read foldout-cli.properties: " + e.getMessage(), e);
            }
            return new String[] {"foldout " + p.getProperty("version", "unknown"),
                    "embedded PostgreSQL " + p.getProperty("postgres.version", "unknown"),
                    "Java " + Runtime.version()};
        }
    }
}
