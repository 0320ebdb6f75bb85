package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.ApplyOptions;
import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.DiffOptions;
import dev.foldout.Foldout;
import dev.foldout.Locator;
import dev.foldout.TableDiff;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A full compare merges both sides' streams in Java in the order the server produced them: integer and uuid keys
 * come in their own order (through the key's index), where {@code 10} sorts after {@code 9} and negative numbers
 * first; other keys in their text's code-point order. Every key kind here is matched exactly, whichever order it is
 * read in: the branch deletes a third of the rows, updates a third and inserts new ones on both ends of the range.
 */
class KeyOrderIT {
    private static final int ROWS = 600;

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "k bigint        | k         | (g - 300) * 1000003",
        "k integer       | k         | g * 7 - 2000",
        "k smallint      | k         | g - 300",
        "k uuid          | k         | md5(g::text)::uuid",
        "a int, b uuid   | a, b      | g % 7 - 3, md5(g::text)::uuid",
        "a bigint, b int | b, a      | g % 11 - 5, g / 11 - 20",
        "a int, b text   | a, b      | g % 5, concat('k', g)",
        "k numeric       | k         | (g - 300) * 1.5"})
    void everyKeyKindIsMatchedExactly(String columns, String key, String values) {
        String parent = TestPostgres.uniqueName("ko");
        String branch = TestPostgres.uniqueName("kob");
        TestPostgres.exec("postgres", "create database " + parent);
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            TestPostgres.exec(parent, "create table t(" + columns + ", n int not null, primary key (" + key + "))",
                    "insert into t select " + values + ", g from generate_series(1, " + ROWS + ") g where g % 10 <> 5");
            Branch b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true).withBase(false));
            TestPostgres.exec(branch, "delete from t where n % 3 = 0", "update t set n = -n where n % 3 = 1",
                    "insert into t select " + values + ", g from generate_series(1, " + ROWS + ") g where g % 10 = 5");
            assertMatched(fld, b, parent, branch);
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }

    @Test
    void aKeyRetypedFromIntegerToBigintIsMatchedByNumber() {
        String parent = TestPostgres.uniqueName("ko");
        String branch = TestPostgres.uniqueName("kob");
        TestPostgres.exec("postgres", "create database " + parent);
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            TestPostgres.exec(parent, "create table t(k integer primary key, n int not null)",
                    "insert into t select g * 13 - 4000, g from generate_series(1, " + ROWS + ") g where g % 10 <> 5");
            Branch b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true).withBase(false));
            TestPostgres.exec(branch, "alter table t alter column k type bigint", "delete from t where n % 3 = 0",
                    "update t set n = -n where n % 3 = 1",
                    "insert into t select g * 13 - 4000, g from generate_series(1, " + ROWS + ") g where g % 10 = 5");
            assertMatched(fld, b, parent, branch);
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }

    /** The full compare finds exactly the branch's changes, and applying them makes the parent equal to the branch. */
    private static void assertMatched(Foldout fld, Branch b, String parent, String branch) {
        Diff diff = b.diff(DiffOptions.DEFAULTS.withLocator(Locator.FULL_COMPARE));
        TableDiff t = diff.tables().stream().filter(d -> d.name().equals("t")).findFirst().orElseThrow();
        assertThat(t.deletes()).as("deletes").isEqualTo(rowsWithRemainder(0));
        assertThat(t.updates()).as("updates").isEqualTo(rowsWithRemainder(1));
        assertThat(t.inserts()).as("inserts").isEqualTo(ROWS / 10);
        fld.apply(new StringReader(diff.toSql()), ApplyOptions.DEFAULTS);
        assertThat(Contents.of(parent)).isEqualTo(Contents.of(branch));
    }

    /** How many of the parent's rows (g from 1 to ROWS, g % 10 != 5) have g % 3 == r. */
    private static long rowsWithRemainder(int r) {
        long n = 0;
        for (int g = 1; g <= ROWS; g++) {
            if (g % 10 != 5 && g % 3 == r) {
                n++;
            }
        }
        return n;
    }
}
