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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both sides' rows are merged in Java in the order the server sorted them, so that order must not depend on the
 * database's encoding: in WIN1252 '€' is byte 0x80, before 'é' (0xE9), while its code point, U+20AC, is after; in
 * EUC_JP the bytes of kana and kanji sort otherwise than their code points; in UTF-8 a character outside the Basic
 * Multilingual Plane sorts after U+FFFD, where Java's UTF-16 would put its surrogates before.
 */
class EncodingOrderIT {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "WIN1252 | a,z,€,é,ÿ,Œ",
        "EUC_JP  | a,ア,亜,ｱ,漢,ー",
        "UTF8    | a,\uFFFD,\uD83D\uDE00,\uD840\uDC0B,é,€"})
    void keysOfEveryEncodingAreMatchedExactly(String encoding, String keys) {
        String parent = TestPostgres.uniqueName("enc");
        String branch = TestPostgres.uniqueName("encb");
        TestPostgres.exec("postgres", "create database " + parent + " encoding '" + encoding + "' template template0"
                + " lc_collate 'C' lc_ctype 'C'");
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            StringBuilder values = new StringBuilder();
            String[] k = keys.split(",");
            for (int i = 0; i < k.length; i++) {
                values.append(i == 0 ? "" : ", ").append("('").append(k[i]).append("', ").append(i).append(")");
            }
            TestPostgres.exec(parent, "create table t(k text primary key, n int)", "insert into t values " + values);
            Branch b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true).withBase(false));
            // the branch loses every other key and changes the rest: one side lacks keys the other has, all along
            for (int i = 0; i < k.length; i++) {
                TestPostgres.exec(branch, i % 2 == 0 ? "delete from t where k = '" + k[i] + "'"
                        : "update t set n = -n where k = '" + k[i] + "'");
            }
            Diff diff = b.diff(DiffOptions.DEFAULTS.withLocator(Locator.FULL_COMPARE));
            TableDiff t = diff.tables().get(0);
            assertThat(t.deletes()).isEqualTo((k.length + 1) / 2);
            assertThat(t.updates()).isEqualTo(k.length / 2);
            assertThat(t.inserts()).isZero();
            fld.apply(new StringReader(diff.toSql()), ApplyOptions.DEFAULTS);
            assertThat(Contents.of(parent)).isEqualTo(Contents.of(branch));
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }
}
