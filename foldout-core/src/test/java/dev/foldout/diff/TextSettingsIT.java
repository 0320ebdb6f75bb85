package dev.foldout.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.ApplyOptions;
import dev.foldout.Branch;
import dev.foldout.CopyOptions;
import dev.foldout.Diff;
import dev.foldout.Foldout;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * Values travel as text: a diff read where dates print day-first and intervals the SQL-standard way, applied where
 * they are read month-first and the PostgreSQL way (or the other way round), must bring the same values.
 */
class TextSettingsIT {
    @Test
    void datesIntervalsFloatsAndTimesSurviveDifferentSettingsOnEachSide() {
        String parent = TestPostgres.uniqueName("tsp");
        String branch = TestPostgres.uniqueName("tsb");
        TestPostgres.exec("postgres", "create database " + parent);
        try (Foldout fld = TestFoldout.connect(parent, "template")) {
            TestPostgres.exec(parent, "create table t(id int primary key, d date, i interval, f float8, ts timestamptz,"
                    + " b bytea)");
            Branch b = fld.defaultDatabase().branch(branch, CopyOptions.DEFAULTS.withForce(true));
            // the branch prints day-first, SQL-standard intervals, few float digits, escaped bytea, a far time zone
            TestPostgres.exec("postgres", "alter database " + branch + " set datestyle = 'SQL, DMY'",
                    "alter database " + branch + " set intervalstyle = 'sql_standard'",
                    "alter database " + branch + " set extra_float_digits = -3",
                    "alter database " + branch + " set bytea_output = 'escape'",
                    "alter database " + branch + " set timezone = 'Pacific/Kiritimati'",
                    "alter database " + parent + " set datestyle = 'Postgres, MDY'",
                    "alter database " + parent + " set timezone = 'America/Anchorage'");
            TestPostgres.exec(branch, "insert into t values (1, '2026-12-03', '-1 day -02:03:04', 0.1 + 0.2,"
                    + " '2026-12-03 23:30:00+00', '\\x00ff27'), (2, '2026-01-02', '1 year 2 mons -3 days', 1e-300,"
                    + " '1999-12-31 23:59:59.999999+00', '\\x')");
            Diff diff = b.diff();
            fld.apply(new StringReader(diff.toSql()), ApplyOptions.DEFAULTS);
            String values = "select string_agg(concat_ws('|', id, to_char(d, 'YYYY-MM-DD'), extract(epoch from i),"
                    + " f::numeric, extract(epoch from ts), encode(b, 'hex')), ';' order by id) from t";
            assertThat(TestPostgres.query(parent, values)).isEqualTo(TestPostgres.query(branch, values));
            assertThat(b.diff().isEmpty()).isTrue();
        } finally {
            TestFoldout.dropQuietly(branch, parent);
        }
    }
}
