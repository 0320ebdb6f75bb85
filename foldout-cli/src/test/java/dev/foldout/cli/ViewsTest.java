package dev.foldout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The library names its API's fixes; the CLI prints its own commands and flags in their place. */
class ViewsTest {

    @Test
    void theApisForceOptionsReadAsTheFlag() {
        assertThat(Views.forCli("database \"app\" is in use: disconnect them, or run again with force "
                + "(CopyOptions.withForce(true)) to terminate them"))
                .isEqualTo("database \"app\" is in use: disconnect them, or run again with --force to terminate them");
        assertThat(Views.forCli("make the diff again, or apply with force (ApplyOptions.withForce(true))"))
                .isEqualTo("make the diff again, or apply with --force");
        assertThat(Views.forCli("or run again with force (delete(true), drop(true)) to terminate them"))
                .isEqualTo("or run again with --force to terminate them");
        assertThat(Views.forCli("disconnect the other sessions or run again with force (withForce(true) in the call's "
                + "options, or its force argument)")).isEqualTo("disconnect the other sessions or run again with --force");
        assertThat(Views.forCli("no such branch \"x\" (nothing forced)")).isEqualTo("no such branch \"x\" (nothing forced)");
    }

    @Test
    void theApisCallsReadAsTheCommands() {
        assertThat(Views.forCli("no database named \"x\" - Foldout.databases() shows them"))
                .isEqualTo("no database named \"x\" - 'foldout databases list' shows them");
        assertThat(Views.forCli("run Foldout.initCatalog as a superuser")).isEqualTo("run 'foldout init' as a superuser");
        assertThat(Views.forCli("Foldout.repair() run as 'bob' repairs it; Foldout.repair(true) removes it"))
                .isEqualTo("'foldout status' run as 'bob' repairs it; 'foldout status --repair' removes it");
        assertThat(Views.forCli("getBranch(\"feature/x\").diff() shows its changes; getBranch(\"feature/x\").start() first"))
                .isEqualTo("'foldout diff feature/x' shows its changes; 'foldout start feature/x' first");
        assertThat(Views.forCli("compare it: Foldout.diff(\"b\", OTHER), or Foldout.diff(\"b\", \"app\")"))
                .isEqualTo("compare it: 'foldout diff b OTHER', or 'foldout diff b app'");
        assertThat(Views.forCli("getBranch(\"b$1\").delete(true) removes the entry; getSnapshot(\"s\").branch(NEW)"))
                .as("a name with a $ is copied as it is").isEqualTo("'foldout delete-branch b$1' removes the entry; "
                        + "'foldout branch s NEW'");
        assertThat(Views.forCli("made with CopyOptions.withBase(false); check the connection URL"))
                .isEqualTo("made with --no-base; check --url or FLD_DATABASE");
    }
}
