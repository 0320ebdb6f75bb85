package dev.foldout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The library names its API's force options; the CLI prints its flag in their place. */
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
}
