package dev.foldout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code bin/foldout} as a user runs it: the jar the build made, and the class archive its first good run records. */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CDS = ROOT.resolve("foldout-cli/target/cds");

    private record Run(int code, String out) {
    }

    private static Run launch(Path home, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/foldout").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("FOLDOUT_HOME", home.toString());
        pb.environment().remove("FLD_DATABASE");
        pb.environment().remove("FOLDOUT_JAVA_OPTS");
        pb.environment().remove("FOLDOUT_CDS");
        pb.environment().put("FOLDOUT_RESIDENT", "off"); // the JVM of its own is what this test is about
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    private static List<Path> archives() throws IOException {
        if (!Files.isDirectory(CDS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(CDS)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void theFirstGoodRunThatConnectsRecordsTheArchiveAndLaterRunsMapIt() throws Exception {
        String db = TestPostgres.uniqueName("launch");
        TestFoldout.seed(db, 10);
        String url = TestPostgres.url(db).jdbcUrlWithCredentials();
        Path home = Files.createTempDirectory("foldout-launcher-home-");
        try {
            if (Files.isDirectory(CDS)) {
                try (Stream<Path> s = Files.walk(CDS)) {
                    s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            Run failed = launch(home, "snapshots", "delete", "no_such_snapshot", "--url", url);
            assertThat(failed.code()).as(failed.out()).isNotZero();
            assertThat(archives()).as("a failed run records nothing: it may have stopped before loading much").isEmpty();

            Run first = launch(home, "databases", "list", "--url", url);
            assertThat(first.code()).as(first.out()).isZero();
            assertThat(first.out()).contains(db);
            assertThat(archives()).as("the first good run that connects records the archive").hasSize(1);
            assertThat(archives().get(0).getFileName().toString()).startsWith("foldout-")
                    .as("named for the jar's time and size").contains("-" + Files.size(ROOT.resolve(
                            "foldout-cli/target/foldout.jar")) + "-");

            ProcessBuilder strict = new ProcessBuilder(ROOT.resolve("bin/foldout").toString(), "databases", "list",
                    "--url", url).directory(ROOT.toFile()).redirectErrorStream(true);
            strict.environment().put("FOLDOUT_HOME", home.toString());
            strict.environment().put("FOLDOUT_JAVA_OPTS", "-Xshare:on"); // fails to start unless the archive maps
            strict.environment().put("FOLDOUT_RESIDENT", "off");
            Process p = strict.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(out).contains(db);
            assertThat(archives()).hasSize(1);
        } finally {
            TestFoldout.dropQuietly(db);
            try (Stream<Path> s = Files.walk(home)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
