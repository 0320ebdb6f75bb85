package dev.foldout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CLI end to end against the test cluster: commands, output, exit codes 0/1/2 and one-line errors. */
class CliIT {
    private String db;
    private String url;
    private final List<String> made = new ArrayList<>();

    @BeforeEach
    void seed() {
        db = TestPostgres.uniqueName("cli");
        TestFoldout.seed(db, 100);
        url = TestPostgres.url(db).jdbcUrlWithCredentials();
        made.add(db);
    }

    @AfterEach
    void cleanUp() {
        TestFoldout.dropQuietly(made.toArray(String[]::new));
    }

    private CliRun foldout(String... args) {
        return CliRun.of(url, args);
    }

    @Test
    void statusRepairsWhatAKilledProcessLeftAndSaysSo() throws Exception {
        String halfMade = TestPostgres.uniqueName("halfmade");
        made.add(halfMade);
        assertThat(foldout("status").code()).isZero(); // the catalog is made on first use
        try (java.sql.Connection dying = TestPostgres.connect("foldout_catalog"); java.sql.Statement st = dying.createStatement()) {
            dev.foldout.internal.catalog.Journal.begin(dying, new dev.foldout.internal.catalog.Operation(0,
                    dev.foldout.internal.catalog.Operation.Kind.BRANCH, db, halfMade, null, null, true, null));
            st.execute("alter database " + db + " allow_connections false");
            st.execute("create database " + halfMade + " template " + db);
        } // the process dies here
        CliRun status = foldout("status");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("repaired an interrupted branch of \"" + db + "\" to \"" + halfMade + "\"");
        assertThat(foldout("databases", "list").out()).doesNotContain(halfMade);
        assertThat(foldout("status").out()).doesNotContain("repaired");
    }

    @Test
    void snapshotBranchRestoreAndDeleteThroughTheCli() throws Exception {
        String snap = TestPostgres.uniqueName("clisnap");
        String branch = TestPostgres.uniqueName("feature") + "/auth";
        made.add(snap);
        made.add(branch);
        CliRun s = foldout("snapshot", db, "--name", snap, "-m", "first");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(s.out()).contains("snapshot \"" + snap + "\"");

        CliRun b = foldout("branch", db, branch);
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("connect: jdbc:postgresql://")
                .as("the URL says who connects and where the password is").contains("password as in --url)");
        assertThat(TestFoldout.count(branch)).isEqualTo(100);

        CliRun list = foldout("branches", "list", "--json");
        JsonNode json = new ObjectMapper().readTree(list.out());
        assertThat(json.findValuesAsText("name")).contains(branch);
        CliRun snaps = foldout("snapshots", "list");
        assertThat(snaps.out()).contains(snap).contains("first");
        assertThat(foldout("databases", "list").out()).contains(db).contains(snap);

        TestPostgres.exec(db, "delete from t");
        CliRun r = foldout("snapshots", "restore", db, snap);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(TestFoldout.count(db)).isEqualTo(100);
        // the snapshot knows its database
        TestPostgres.exec(db, "delete from t where id <= 10");
        CliRun known = foldout("snapshots", "restore", snap);
        assertThat(known.code()).as(known.err()).isZero();
        assertThat(known.out()).contains("restored \"" + db + "\"");
        assertThat(TestFoldout.count(db)).isEqualTo(100);
        CliRun swapped = foldout("snapshots", "restore", db);
        assertThat(swapped.code()).isEqualTo(1);
        assertThat(swapped.err()).contains("no snapshot named \"" + db + "\"").contains("[DB] SNAPSHOT");

        assertThat(foldout("branches", "delete", branch).code()).isZero();
        assertThat(foldout("snapshots", "delete", snap).code()).isZero();
        assertThat(foldout("branches", "list").out()).doesNotContain(branch);
    }

    @Test
    void restoreRefusesASnapshotOfAnotherDatabaseUnlessToldSo() {
        String other = TestPostgres.uniqueName("cliother");
        String snap = TestPostgres.uniqueName("clisnap");
        made.add(other);
        made.add(snap);
        TestFoldout.seed(other, 7);
        assertThat(foldout("snapshot", db, "--name", snap).code()).isZero();

        CliRun refused = foldout("snapshots", "restore", other, snap);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().strip()).startsWith("foldout: ").contains("\"" + db + "\"").contains("\"" + other + "\"")
                .contains("--from-other-database").doesNotContain("\n");
        assertThat(TestFoldout.count(other)).isEqualTo(7);

        CliRun told = foldout("snapshots", "restore", other, snap, "--from-other-database");
        assertThat(told.code()).as(told.err()).isZero();
        assertThat(TestFoldout.count(other)).isEqualTo(100);
    }

    @Test
    void initAsASuperuserSaysWhoOwnsTheCatalog() {
        CliRun init = foldout("init");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("catalog  ").contains("foldout_owner");
    }

    @Test
    void diffToAFileThenApplyIt() throws Exception {
        String branch = TestPostgres.uniqueName("clidiff");
        made.add(branch);
        assertThat(foldout("branch", db, branch, "--force").code()).isZero();
        TestPostgres.exec(branch, "update t set v = E'new\\nline' where id = 3", "delete from t where id = 4",
                "insert into t values (1000, 'it''s')");
        CliRun diff = foldout("diff", branch);
        assertThat(diff.code()).as(diff.err()).isZero();
        assertThat(diff.out()).startsWith("-- foldout-diff v1\n-- parent: " + db + "\n-- branch: " + branch + "\n-- mode: 3-way\n");
        assertThat(diff.err()).contains("3-way: what " + branch + " changed since its merge base");
        assertThat(diff.err()).contains("+1 ~1 -1");
        CliRun json = foldout("diff", branch, "--format", "json");
        assertThat(new ObjectMapper().readTree(json.out()).path("tables").get(0).path("updates").asInt()).isEqualTo(1);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("foldout-diff", ".sql");
        try {
            java.nio.file.Files.writeString(file, diff.out());
            CliRun apply = foldout("apply", file.toString());
            assertThat(apply.code()).as(apply.err()).isZero();
            assertThat(apply.out()).contains("3 rows");
            assertThat(TestFoldout.count(db)).isEqualTo(100);
            CliRun again = foldout("diff", branch);
            assertThat(again.err()).contains("0 rows");
            CliRun twice = foldout("apply", file.toString());
            assertThat(twice.code()).isEqualTo(1);
            assertThat(twice.err().strip()).contains("line ").doesNotContain("\n");
            assertThat(foldout("apply", "/no/such/file.sql").err()).contains("no diff file");
            assertThat(foldout("diff", branch, "--locator", "sideways").code()).isEqualTo(1);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void mergeKeepsTheParentsOwnWorkAndExitsThreeOnConflicts() throws Exception {
        String branch = TestPostgres.uniqueName("climerge");
        made.add(branch);
        CliRun made = foldout("branch", db, branch, "--force");
        assertThat(made.out()).contains("merge base kept: ");
        TestPostgres.exec(db, "insert into t values (500, 'parent''s own')", "update t set v = 'parent' where id = 1");
        TestPostgres.exec(branch, "insert into t values (600, 'branch''s')", "update t set v = 'branch' where id = 2");
        CliRun dry = foldout("merge", branch, "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("INSERT INTO \"public\".\"t\"").contains("would merge").contains("+1 ~1 -0")
                .contains("kept the parent's own changes to public.t: +1 ~1 -0");
        CliRun merge = foldout("merge", branch);
        assertThat(merge.code()).as(merge.err()).isZero();
        assertThat(merge.out()).contains("merged \"" + branch + "\" into \"" + db + "\": 2 rows");
        assertThat(TestFoldout.count(db)).isEqualTo(102);

        TestPostgres.exec(db, "update t set v = 'p' where id = 3");
        TestPostgres.exec(branch, "update t set v = 'b' where id = 3");
        CliRun conflict = foldout("merge", branch);
        assertThat(conflict.code()).isEqualTo(3);
        assertThat(conflict.out()).contains("conflict: public.t (id)=(3) column v: changed on both sides (base 'row 3', "
                + "parent 'p', branch 'b')");
        assertThat(conflict.err().strip()).startsWith("foldout: merge of").contains("--prefer parent|branch").doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(foldout("merge", branch, "--dry-run", "--format", "json").out());
        assertThat(json.path("unresolved").asInt()).isEqualTo(1);
        assertThat(json.path("conflicts").get(0).path("parent").asText()).isEqualTo("p");
        CliRun prefer = foldout("merge", branch, "--prefer", "branch:public.t");
        assertThat(prefer.code()).as(prefer.err()).isZero();
        assertThat(foldout("merge", branch, "--prefer", "sideways").code()).isEqualTo(1);
        assertThat(foldout("merge", "no_such_branch").err()).contains("no branch named");

        TestPostgres.exec(db, "insert into t values (700, 'parent later')");
        CliRun rebase = foldout("rebase", branch);
        assertThat(rebase.code()).as(rebase.err()).isZero();
        assertThat(rebase.out()).contains("rebased \"" + branch + "\" onto \"" + db + "\": 3 rows of the parent's brought in");
        assertThat(TestFoldout.count(branch)).isEqualTo(103);
        TestPostgres.exec(branch, "delete from t");
        CliRun reset = foldout("reset", branch);
        assertThat(reset.code()).as(reset.err()).isZero();
        assertThat(TestFoldout.count(branch)).isEqualTo(103);
    }

    @Test
    void failuresExitOneWithOneLineAndBadUsageExitsTwo() {
        CliRun unknown = foldout("branch", "no_such_db", "x1");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err().strip()).startsWith("foldout: ").contains("no_such_db").doesNotContain("\n");

        CliRun hostile = foldout("branch", db, "x\"; drop database " + db);
        assertThat(hostile.code()).isEqualTo(1);
        assertThat(hostile.err()).contains("invalid branch name");
        assertThat(TestFoldout.count(db)).isEqualTo(100);

        assertThat(foldout("branch", db).code()).isEqualTo(2);
        assertThat(foldout("no-such-command").code()).isEqualTo(2);
        assertThat(foldout("snapshots", "delete", "nope").code()).isEqualTo(1);

        // help on every command and group, and 'foldout help CMD'
        for (String[] help : new String[][] {{"databases", "--help"}, {"snapshots", "list", "--help"}, {"help", "merge"},
                {"branches", "-h"}}) {
            CliRun h = foldout(help);
            assertThat(h.code()).as(String.join(" ", help) + ": " + h.err()).isZero();
            assertThat(h.out()).contains("Usage: foldout");
        }
        // databases create and drop; a completion script that knows the commands
        String made2 = TestPostgres.uniqueName("clidb");
        made.add(made2);
        CliRun create = foldout("databases", "create", made2);
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(foldout("databases", "list").out()).contains(made2);
        CliRun drop = foldout("databases", "drop", made2);
        assertThat(drop.code()).as(drop.err()).isZero();
        assertThat(foldout("databases", "list").out()).doesNotContain(made2);
        CliRun completion = foldout("completion");
        assertThat(completion.code()).as(completion.err()).isZero();
        assertThat(completion.out()).contains("complete -F").contains("merge").contains("snapshots").contains("--url");

        CliRun json = foldout("databases", "list", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out().replaceAll("\\s", "")).startsWith("[{").contains("\"name\":\"" + db + "\"")
                .contains("\"sizeBytes\":");
        // an empty server setting is a mistake to name, not a reason to start the embedded server
        CliRun empty = CliRun.of(" ", "databases", "list");
        assertThat(empty.code()).isEqualTo(1);
        assertThat(empty.err().strip()).startsWith("foldout: --url is empty").doesNotContain("\n");
    }

    @Test
    void aSettingsFileInTheWorkingDirectoryIsReadAndShownWithItsSource() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("foldout.json").toAbsolutePath();
        try {
            // the port range is the library's default, so setting it in this JVM changes nothing for the other tests
            java.nio.file.Files.writeString(file, "{\"backend\": \"template\", \"logLevel\": \"warn\", "
                    + "\"instancePorts\": \"55000-55999\", \"listenAddress\": \"127.0.0.1\"}");
            CliRun config = foldout("config");
            assertThat(config.code()).as(config.err()).isZero();
            assertThat(config.out()).containsPattern("backend +template +" + java.util.regex.Pattern.quote(file.toString()))
                    .containsPattern("instancePorts +55000-55999 +" + java.util.regex.Pattern.quote(file.toString()))
                    .containsPattern("listenAddress +127.0.0.1 +" + java.util.regex.Pattern.quote(file.toString()))
                    .containsPattern("url +\\S+ +--url").contains("***");
            String branch = TestPostgres.uniqueName("cfgb");
            made.add(branch);
            CliRun b = foldout("branch", db, branch);
            assertThat(b.code()).as(b.err()).isZero();
            assertThat(foldout("branches", "list", "--json").out()).contains("\"backend\" : \"template\"");

            java.nio.file.Files.writeString(file, "{\"bakend\": \"template\"}");
            CliRun typo = foldout("config");
            assertThat(typo.code()).isEqualTo(1);
            assertThat(typo.err().strip()).startsWith("foldout: unknown setting 'bakend' in " + file)
                    .contains("url, backend, dataPath, logLevel, instancePorts, listenAddress").doesNotContain("\n");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void versionPrintsTheEmbeddedPostgresVersion() {
        CliRun v = foldout("version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).contains("foldout ").contains("embedded PostgreSQL ");
    }
}
