package dev.foldout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A branch made with --no-base has only the two-way diff: when its parent changed since, 'foldout diff' warns how much
 * of the parent's own work applying would undo, and 'foldout apply' refuses it unless --force.
 */
class CliTwoWayIT {
    private final String db = TestPostgres.uniqueName("cli2w");
    private final String branch = TestPostgres.uniqueName("cli2wb");
    private final String url = TestPostgres.url(db).jdbcUrlWithCredentials();

    @AfterEach
    void cleanUp() {
        TestFoldout.dropQuietly(branch, db);
    }

    private String[] run(String... args) {
        CliRun r = CliRun.of(url, args);
        return new String[] {Integer.toString(r.code()), r.out(), r.err()};
    }

    @Test
    void applyRefusesToUndoTheParentsOwnRowsUnlessForced() throws Exception {
        TestFoldout.seed(db, 100);
        assertThat(run("branch", db, branch, "--no-base", "--force")[0]).isEqualTo("0");
        TestPostgres.exec(db, "update t set v = 'parent' where id = 1", "insert into t values (500, 'parent')");
        TestPostgres.exec(branch, "update t set v = 'branch' where id = 2");
        String[] diff = run("diff", branch);
        assertThat(diff[0]).as(diff[2]).isEqualTo("0");
        assertThat(diff[1]).contains("-- mode: 2-way\n").contains("-- parent-own: 2 rows, 0 objects\n");
        assertThat(diff[2]).contains("warning: " + db + " changed since " + branch + " was made")
                .contains("2 rows and 0 schema objects of the parent's own");
        Path file = Files.createTempFile("foldout-2way", ".sql");
        try {
            Files.writeString(file, diff[1]);
            String[] refused = run("apply", file.toString());
            assertThat(refused[0]).isEqualTo("1");
            assertThat(refused[2].strip()).contains("would undo 2 rows").contains("--force").doesNotContain("\n");
            assertThat(TestFoldout.count(db)).as("nothing changed").isEqualTo(101);
            String[] forced = run("apply", file.toString(), "--force");
            assertThat(forced[0]).as(forced[2]).isEqualTo("0");
            assertThat(TestFoldout.count(db)).as("the parent is the branch now").isEqualTo(100);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
