package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.Roles;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restore replaces only the database it names, with a snapshot of that database, and keeps what the database is:
 * its owner, grants, settings, comment and connection limit. Written as the mistakes were made (issue 13).
 */
class RestoreSafetyIT {
    private final List<String> databases = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    private Foldout fld;

    @BeforeEach
    void setUp() {
        fld = TestFoldout.connect("postgres", "");
    }

    @AfterEach
    void tearDown() {
        fld.close();
        TestFoldout.dropQuietly(databases.toArray(String[]::new));
        Roles.dropQuietly(roles.toArray(String[]::new));
    }

    private String database(String prefix, int rows) {
        String name = TestPostgres.uniqueName(prefix);
        databases.add(name);
        TestFoldout.seed(name, rows);
        return name;
    }

    private String name(String prefix) {
        String name = TestPostgres.uniqueName(prefix);
        databases.add(name);
        return name;
    }

    @Test
    void aSnapshotOfAnotherDatabaseIsRefusedAndNothingChanges() {
        String src = database("src", 300);
        String s3 = database("s3", 20);
        String rsA = name("rs_a");
        fld.getDatabase(src).snapshot(rsA, CopyOptions.DEFAULTS);
        long oid = fld.getDatabase(s3).info().oid();

        assertThatThrownBy(() -> fld.getDatabase(s3).restore(rsA, CopyOptions.DEFAULTS))
                .isInstanceOf(FoldoutException.class)
                .hasMessageContaining("\"" + rsA + "\"").hasMessageContaining("\"" + src + "\"")
                .hasMessageContaining("\"" + s3 + "\"").hasMessageContaining("CopyOptions.withFromOtherDatabase(true)")
                .hasMessageNotContaining("\n");
        assertThat(TestFoldout.count(s3)).isEqualTo(20);
        assertThat(fld.getDatabase(s3).info().oid()).as("the database was not replaced").isEqualTo(oid);
        assertThat(fld.getDatabase(s3).info().allowsConnections()).isTrue();

        fld.getDatabase(s3).restore(rsA, CopyOptions.DEFAULTS.withFromOtherDatabase(true));
        assertThat(TestFoldout.count(s3)).as("said explicitly, it is done").isEqualTo(300);
    }

    @Test
    void aSuperusersRestoreKeepsTheOwnerGrantsSettingsCommentAndLimitOfAlicesDatabase() throws SQLException {
        String alice = role("alice");
        String reader = role("reader");
        String adb = database("adb", 50);
        TestPostgres.exec("postgres",
                "alter database " + adb + " owner to " + alice,
                "revoke connect, temporary on database " + adb + " from public",
                "grant connect on database " + adb + " to " + reader,
                "alter database " + adb + " set work_mem = '7MB'",
                "alter database " + adb + " set search_path = \"$user\", public, \"odd, name\"",
                "alter database " + adb + " set app.tenant = 'it''s 42'",
                "alter database " + adb + " set log_min_duration_statement = 250",
                "alter role " + alice + " in database " + adb + " set statement_timeout = '42s'",
                "comment on database " + adb + " is 'alice''s app; keep'",
                "alter database " + adb + " connection limit 17");
        String before = properties(adb);
        String snap = name("adb_snap");
        fld.getDatabase(adb).snapshot(snap, CopyOptions.DEFAULTS);
        TestPostgres.exec(adb, "delete from t where id > 10");

        fld.getDatabase(adb).restore(snap, CopyOptions.DEFAULTS);

        assertThat(TestFoldout.count(adb)).isEqualTo(50);
        assertThat(properties(adb)).isEqualTo(before);
        assertThatThrownBy(() -> Roles.connect(role("other"), adb).close())
                .as("REVOKE CONNECT FROM PUBLIC stays revoked").hasMessageContaining("permission denied");
        Roles.connect(reader, adb).close();
        String branch = name("adb_branch");
        try (Foldout asAlice = Roles.foldout(alice, adb)) {
            asAlice.getDatabase(adb).branch(branch, CopyOptions.DEFAULTS);
        }
        assertThat(TestFoldout.count(branch)).isEqualTo(50);
    }

    @Test
    void aRestoreThatCannotKeepASettingIsRefusedAndChangesNothing() throws SQLException {
        String alice = role("alice");
        String adb = database("adb", 50);
        TestPostgres.exec("postgres", "alter database " + adb + " owner to " + alice,
                "alter database " + adb + " set log_min_duration_statement = 250");
        String snap = name("adb_snap");
        String before;
        long oid;
        try (Foldout asAlice = Roles.foldout(alice, adb)) {
            asAlice.getDatabase(adb).snapshot(snap, CopyOptions.DEFAULTS);
            TestPostgres.exec(adb, "delete from t where id > 10");
            before = properties(adb);
            oid = asAlice.getDatabase(adb).info().oid();
            assertThatThrownBy(() -> asAlice.getDatabase(adb).restore(snap, CopyOptions.DEFAULTS))
                    .isInstanceOf(FoldoutException.class).hasMessageContaining("log_min_duration_statement")
                    .hasMessageContaining("\"" + adb + "\"").hasMessageContaining("superuser")
                    .hasMessageNotContaining("\n");
            assertThat(asAlice.getDatabase(adb).info().oid()).isEqualTo(oid);
            assertThat(asAlice.databases()).extracting(DatabaseInfo::name).noneMatch(n -> n.startsWith("foldout_tmp_"));
        }
        assertThat(TestFoldout.count(adb)).isEqualTo(10);
        assertThat(properties(adb)).isEqualTo(before);
    }

    @Test
    void aTemplateDatabaseStaysATemplate() throws SQLException {
        String tdb = database("tdb", 5);
        TestPostgres.exec("postgres", "alter database " + tdb + " is_template true");
        String before = properties(tdb);
        String snap = name("tdb_snap");
        fld.getDatabase(tdb).snapshot(snap, CopyOptions.DEFAULTS);
        TestPostgres.exec(tdb, "delete from t");
        fld.getDatabase(tdb).restore(snap, CopyOptions.DEFAULTS);
        assertThat(TestFoldout.count(tdb)).isEqualTo(5);
        assertThat(properties(tdb)).isEqualTo(before);
        TestPostgres.exec("postgres", "alter database " + tdb + " is_template false");
    }

    private String role(String prefix) {
        String role = Roles.create(prefix);
        roles.add(role);
        return role;
    }

    /** Everything that makes a database what it is, apart from its OID and contents, as one text. */
    private static String properties(String database) throws SQLException {
        try (Connection c = TestPostgres.connect("postgres");
             PreparedStatement st = c.prepareStatement("select pg_get_userbyid(d.datdba), d.datacl::text, d.datconnlimit, "
                     + "d.datistemplate, d.datallowconn, t.spcname, pg_encoding_to_char(d.encoding), d.datcollate, "
                     + "shobj_description(d.oid, 'pg_database'), (select string_agg(coalesce(pg_get_userbyid(nullif(s.setrole, 0)), '*') "
                     + "|| ':' || s.setconfig::text, ' ' order by s.setrole) from pg_db_role_setting s where s.setdatabase = d.oid) "
                     + "from pg_database d join pg_tablespace t on t.oid = d.dattablespace where d.datname = ?")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                StringBuilder out = new StringBuilder();
                for (int i = 1; i <= 10; i++) {
                    out.append(rs.getString(i)).append(" | ");
                }
                return out.toString();
            }
        }
    }
}
