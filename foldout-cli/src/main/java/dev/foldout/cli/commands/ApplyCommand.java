package dev.foldout.cli.commands;

import dev.foldout.ApplyOptions;
import dev.foldout.ApplyResult;
import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import dev.foldout.cli.Invocation;
import dev.foldout.cli.Server;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foldout apply FILE [--target DB] [--force]}: runs a diff file in one transaction, all or nothing. */
@Command(name = "apply", description = {"Apply a diff made by 'foldout diff' in one transaction, all or nothing.",
        "Refuses a truncated or altered file, a file made for another database, and a target whose schema or rows "
                + "the diff touches changed since; --force applies anyway."})
public final class ApplyCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE", description = "The diff file ('-' for stdin).")
    String file;
    @Option(names = "--target", paramLabel = "DB", description = "The database to apply to (default: the diff's parent).")
    String target = "";
    @Option(names = "--force", description = "Apply even if the target is not the diff's parent or changed since.")
    boolean force;

    @Override
    public void run() {
        try (Reader in = open(); Foldout fld = Server.connect()) {
            ApplyResult r = fld.apply(in, new ApplyOptions(target, force));
            spec.commandLine().getOut().println("applied to \"" + r.target() + "\": " + r.statements() + " statements, "
                    + r.rows() + " rows, in " + r.elapsed().toMillis() + " ms");
        } catch (NoSuchFileException e) {
            throw new FoldoutException("no diff file " + file + ": give the path of a file written by 'foldout diff'");
        } catch (IOException e) {
            throw new FoldoutException("could not read the diff file " + file + ": " + e.getMessage());
        }
    }

    private Reader open() throws IOException {
        if (file.equals("-")) {
            return new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        return Files.newBufferedReader(Invocation.current().resolve(file), StandardCharsets.UTF_8);
    }
}
