package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.ApplyOptions;
import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.Foldout;
import dev.foldout.FoldoutException;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A diff file holds the statements a diff writes and nothing else, whatever its trailer says: a file edited with its
 * trailer made again (count and SHA-256, as anyone can) is refused before anything runs when it holds transaction
 * control, a second statement on a line, or SQL no diff writes. Names with line breaks are written so that the file
 * reads back, and a failing row statement is named by its own line.
 */
class DiffFileGrammarIT {

    @Test
    void statementsNoDiffHoldsAreRefusedWhateverTheTrailerSays() {
        String db = TestPostgres.uniqueName("gram");
        String br = TestPostgres.uniqueName("gb");
        TestFoldout.seed(db, 10);
        try (Foldout fld = TestFoldout.connect(db, "template")) {
            Branch b = fld.defaultDatabase().branch(br, CopyOptions.DEFAULTS.withForce(true).withBase(false));
            TestPostgres.exec(br, "update t set v = 'one' where id = 1", "update t set v = 'two' where id = 2");
            String sql = b.diff().toSql();
            List<String> edits = List.of(
                    // a COMMIT between the two updates would keep the first whatever became of the second
                    "commit;",
                    "End;",
                    "ROLLBACK;",
                    "savepoint s;",
                    "UPDATE ONLY \"public\".\"t\" SET \"v\" = 'x' WHERE \"id\" = '3'; COMMIT;",
                    "DO $$ BEGIN PERFORM 1; END $$;",
                    "select pg_sleep(0);",
                    "SET LOCAL session_replication_role = origin; DELETE FROM ONLY \"public\".\"t\";",
                    "set role postgres;",
                    "TRUNCATE \"public\".\"t\";");
            for (String edit : edits) {
                String tampered = retrailer(insertAfterFirst(sql, "UPDATE", edit));
                assertThatThrownBy(() -> fld.apply(new StringReader(tampered), ApplyOptions.DEFAULTS)).as(edit)
                        .isInstanceOf(FoldoutException.class)
                        .hasMessageContaining("holds a statement that no foldout diff holds")
                        .hasMessageNotContaining("\n");
            }
            List<String> schemaEdits = List.of("ALTER SYSTEM SET work_mem = '1MB';", "CREATE ROLE mallory;",
                    "GRANT pg_read_server_files TO PUBLIC;", "DROP DATABASE postgres;",
                    "DO $fld$ BEGIN EXECUTE 'COMMIT'; END $fld$;",
                    "DO $fld$ BEGIN EXECUTE 'CREATE TABLE z(a int); COMMIT'; END $fld$;");
            for (String edit : schemaEdits) {
                String tampered = retrailer(insertAfterFirst(sql, "BEGIN;", edit));
                assertThatThrownBy(() -> fld.apply(new StringReader(tampered), ApplyOptions.DEFAULTS)).as(edit)
                        .hasMessageContaining("holds a statement that no foldout diff holds");
            }
            assertThat(TestPostgres.query(db, "select string_agg(v, ',' order by id) from t where id <= 3"))
                    .isEqualTo("row 1,row 2,row 3");
            // the file as written still applies
            fld.apply(new StringReader(sql), ApplyOptions.DEFAULTS);
            assertThat(TestPostgres.query(db, "select string_agg(v, ',' order by id) from t where id <= 3"))
                    .isEqualTo("one,two,row 3");
        } finally {
            TestFoldout.dropQuietly(br, db);
        }
    }

    @Test
    void namesWithLineBreaksMakeADiffThatApplies() {
        String db = TestPostgres.uniqueName("nl") + "\nparent";
        String br = TestPostgres.uniqueName("nlb");
        TestPostgres.exec("postgres", "create database " + dev.foldout.Identifiers.quote(db));
        try (Foldout fld = TestFoldout.connect("postgres", "template")) {
            TestPostgres.exec(db, "create table \"t\nx\"(id int primary key, \"v\nw\" text, \"back\\slash\" text)",
                    "insert into \"t\nx\" select g, 'r' || g, 'b' from generate_series(1, 20) g");
            Branch b = fld.getDatabase(db).branch(br, CopyOptions.DEFAULTS.withForce(true));
            TestPostgres.exec(br, "update \"t\nx\" set \"v\nw\" = E'two\\nlines' where id = 1",
                    "insert into \"t\nx\" values (21, 'new', 'b')", "delete from \"t\nx\" where id = 2",
                    "alter table \"t\nx\" add column \"c\td\" int default 5");
            Diff diff = b.diff();
            fld.apply(new StringReader(diff.toSql()), ApplyOptions.DEFAULTS);
            assertThat(Contents.of(db)).isEqualTo(Contents.of(br));
            assertThat(b.diff().isEmpty()).isTrue();
            b.delete(true);
        } finally {
            TestFoldout.dropQuietly(br, db);
        }
    }

    @Test
    void aFailingRowIsNamedByItsOwnLine() {
        String db = TestPostgres.uniqueName("line");
        String br = TestPostgres.uniqueName("lb");
        TestFoldout.seed(db, 10);
        try (Foldout fld = TestFoldout.connect(db, "template")) {
            Branch b = fld.defaultDatabase().branch(br, CopyOptions.DEFAULTS.withForce(true).withBase(false));
            TestPostgres.exec(br, "update t set v = 'u' where id <= 5", "insert into t values (11, 'new')");
            String sql = b.diff().toSql();
            TestPostgres.exec(db, "insert into t values (11, 'the parent''s own')");
            int insertLine = sql.lines().toList().indexOf(sql.lines().filter(l -> l.startsWith("INSERT INTO"))
                    .findFirst().orElseThrow()) + 1;
            assertThatThrownBy(() -> fld.apply(new StringReader(sql), new ApplyOptions("", true)))
                    .hasMessageContaining("line " + insertLine + " failed").hasMessageContaining("nothing was changed");
            assertThat(TestPostgres.query(db, "select count(*) from t where v = 'u'")).isEqualTo("0");
        } finally {
            TestFoldout.dropQuietly(br, db);
        }
    }

    private static String insertAfterFirst(String sql, String prefix, String line) {
        List<String> lines = new ArrayList<>(sql.lines().toList());
        int at = 0;
        while (!lines.get(at).startsWith(prefix)) {
            at++;
        }
        lines.add(at + 1, line);
        return String.join("\n", lines) + "\n";
    }

    /** The trailer made again for the edited lines, as anyone editing a diff can. */
    private static String retrailer(String sql) {
        List<String> lines = new ArrayList<>(sql.lines().toList());
        lines.remove(lines.size() - 1);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long statements = 0;
            for (String l : lines) {
                sha.update((l + "\n").getBytes(StandardCharsets.UTF_8));
                statements += l.startsWith("--") ? 0 : 1;
            }
            return String.join("\n", lines) + "\n-- end of foldout-diff: " + statements + " statements, sha256 "
                    + HexFormat.of().formatHex(sha.digest()) + "\n";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
