package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.Roles;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog belongs to a role no one logs in as, made by a superuser: the first ordinary role to run Foldout no
 * longer becomes its owner (and with it the owner of every check). Written as the attack was made (issue 13, defect
 * 1): bob ran Foldout first, then switched the author stamp off and forged a journal row naming alice's database.
 * Each test keeps the test cluster's catalog aside and puts it back at the end.
 */
class CatalogOwnerIT {
    private static final String KEPT = "foldout_catalog_kept_" + ProcessHandle.current().pid();
    private String alice;
    private String bob;
    private String adb;

    @BeforeEach
    void setUp() {
        alice = Roles.create("alice");
        bob = Roles.create("bob");
        adb = TestPostgres.uniqueName("adb");
        TestFoldout.seed(adb, 10);
        TestPostgres.exec("postgres", "alter database " + adb + " owner to " + alice);
        // the other tests' catalog is kept aside, not dropped: it hides their branches' merge bases from the lists
        TestPostgres.exec("postgres", "select pg_terminate_backend(pid) from pg_stat_activity where datname = 'foldout_catalog'",
                "do $$ begin if exists (select 1 from pg_database where datname = 'foldout_catalog') then "
                        + "alter database foldout_catalog rename to " + KEPT + "; end if; end $$");
    }

    @AfterEach
    void tearDown() {
        TestPostgres.exec("postgres", "drop database if exists foldout_catalog with (force)",
                "do $$ begin if exists (select 1 from pg_database where datname = '" + KEPT + "') then "
                        + "alter database " + KEPT + " rename to foldout_catalog; end if; end $$");
        try (Foldout su = TestFoldout.connect("postgres", "")) {
            su.databases(); // there is a catalog again, made by a superuser if there was none
        }
        TestFoldout.dropQuietly(adb);
        Roles.dropQuietly(alice, bob);
    }

    @Test
    void anOrdinaryRolesFirstRunRefusesAndNamesFoldoutInit() throws SQLException {
        assertThatThrownBy(() -> Roles.foldout(bob, adb).close())
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("'" + bob + "'")
                .hasMessageContaining("Foldout.initCatalog").hasMessageContaining("superuser").hasMessageNotContaining("\n");
        assertThat(string("select count(*)::text from pg_database where datname = 'foldout_catalog'")).isEqualTo("0");
    }

    @Test
    void initMakesACatalogOwnedByANoLoginRoleThatOrdinaryRolesUseButCannotSwitchOff() throws SQLException {
        List<String> lines = Foldout.initCatalog(FoldoutConfig.builder().url(TestPostgres.url("postgres")).build());
        assertThat(lines).anyMatch(l -> l.contains("foldout_owner"));
        assertThat(string("select pg_get_userbyid(datdba) || ' ' || (select rolcanlogin::text from pg_roles "
                + "where rolname = 'foldout_owner') from pg_database where datname = 'foldout_catalog'"))
                .isEqualTo("foldout_owner false");
        assertThat(stringIn("foldout_catalog", "select string_agg(distinct pg_get_userbyid(relowner), ',') from pg_class "
                + "where relnamespace = 'foldout'::regnamespace")).isEqualTo("foldout_owner");
        try (Foldout asBob = Roles.foldout(bob, adb)) {
            assertThat(asBob.databases()).extracting(DatabaseInfo::name).contains(adb);
        }
        try (Connection asBob = Roles.connect(bob, "foldout_catalog"); Statement st = asBob.createStatement()) {
            assertThatThrownBy(() -> st.execute("alter table foldout.operations disable trigger stamp_author"))
                    .hasMessageContaining("must be owner");
        }
    }

    @Test
    void aCatalogAnOrdinaryRoleOwnsIsRefusedUntilASuperuserInitTakesItOver() throws SQLException {
        try (Foldout su = TestFoldout.connect("postgres", "")) {
            su.databases(); // a superuser's first use makes it, owned by foldout_owner
        }
        // a catalog from before: bob made it and owns it, and switched the author stamp off
        TestPostgres.exec("foldout_catalog", "alter database foldout_catalog owner to " + bob,
                "alter schema foldout owner to " + bob, "alter table foldout.operations owner to " + bob);
        try (Connection asBob = Roles.connect(bob, "foldout_catalog"); Statement st = asBob.createStatement()) {
            st.execute("alter table foldout.operations disable trigger stamp_author");
        }
        assertThatThrownBy(() -> Roles.foldout(alice, adb).close())
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("'" + bob + "'")
                .hasMessageContaining("Foldout.initCatalog").hasMessageNotContaining("\n");

        List<String> lines = Foldout.initCatalog(FoldoutConfig.builder().url(TestPostgres.url("postgres")).build());
        assertThat(String.join("\n", lines)).contains(bob);
        assertThat(stringIn("foldout_catalog", "select string_agg(distinct pg_get_userbyid(o), ',') from (select relowner o "
                + "from pg_class where relnamespace = 'foldout'::regnamespace union all select nspowner from pg_namespace "
                + "where nspname = 'foldout' union all select datdba from pg_database where datname = 'foldout_catalog') x"))
                .isEqualTo("foldout_owner");
        assertThat(stringIn("foldout_catalog", "select string_agg(tgenabled::text, '') from pg_trigger "
                + "where tgname = 'stamp_author'")).doesNotContain("D");
        try (Foldout asAlice = Roles.foldout(alice, adb)) {
            assertThat(asAlice.databases()).extracting(DatabaseInfo::name).contains(adb);
        }
    }

    @Test
    void anOrdinaryRoleCannotInit() {
        assertThatThrownBy(() -> Foldout.initCatalog(FoldoutConfig.builder().url(Roles.url(bob, adb)).build()))
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("superuser");
    }

    private static String string(String sql) throws SQLException {
        return stringIn("postgres", sql);
    }

    private static String stringIn(String database, String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
