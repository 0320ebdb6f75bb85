package dev.foldout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI reads from its command line before picocli does, to start less and sooner. */
class StartupShortcutsTest {
    @Test
    void theCommandIsTheFirstWordThatIsNotAnOption() {
        assertThat(Main.commandNamed(new String[] {"snapshot", "app"})).isEqualTo("snapshot");
        assertThat(Main.commandNamed(new String[] {"--url", "postgresql://h/db", "branches", "list"})).isEqualTo("branches");
        assertThat(Main.commandNamed(new String[] {"--url=postgresql://h/db", "diff", "x"})).isEqualTo("diff");
        assertThat(Main.commandNamed(new String[] {"delete-branch", "--force", "x"})).isEqualTo("delete-branch");
    }

    @Test
    void everyCommandIsBuiltWhenOneIsNotNamedOrListsThemAll() {
        assertThat(Main.commandNamed(new String[] {})).as("no command: the usage lists all").isNull();
        assertThat(Main.commandNamed(new String[] {"--help"})).isNull();
        assertThat(Main.commandNamed(new String[] {"snapshott", "x"})).as("a typo: picocli suggests the near ones").isNull();
        assertThat(Main.commandNamed(new String[] {"help", "snapshot"})).isNull();
        assertThat(Main.commandNamed(new String[] {"completion"})).isNull();
        assertThat(Main.commandNamed(new String[] {"--url", "snapshot"})).as("the URL's value is not a command").isNull();
    }

    @Test
    void theServerFlagsAreReadAsPicocliReadsThem() {
        assertThat(PreparedSession.flagsOf(new String[] {"databases", "list"})).isEmpty();
        assertThat(PreparedSession.flagsOf(new String[] {"--url", "postgresql://h/a", "databases", "list"}))
                .isEqualTo(Map.of("url", "postgresql://h/a"));
        assertThat(PreparedSession.flagsOf(new String[] {"diff", "x", "--url=postgresql://h/b"}))
                .isEqualTo(Map.of("url", "postgresql://h/b"));
    }

    @Test
    void nothingIsPreparedForHelpOrAFlagWithoutItsValue() {
        assertThat(PreparedSession.flagsOf(new String[] {"snapshot", "--help"})).isNull();
        assertThat(PreparedSession.flagsOf(new String[] {"snapshot", "-h"})).isNull();
        assertThat(PreparedSession.flagsOf(new String[] {"snapshot", "x", "--url"})).isNull();
    }

    @Test
    void theArchiveListNamesFoldoutsPicocliAndJnaClassesOnly(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("cli.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"dev/foldout/cli/Main.class", "picocli/CommandLine$Help.class",
                    "com/sun/jna/Native.class", "org/postgresql/Driver.class", "module-info.class",
                    "dev/foldout/internal/build.properties"}) {
                out.putNextEntry(new JarEntry(name));
                out.closeEntry();
            }
        }
        assertThat(ArchiveClassList.namesIn(jar))
                .containsExactly("dev/foldout/cli/Main", "picocli/CommandLine$Help", "com/sun/jna/Native");
    }
}
