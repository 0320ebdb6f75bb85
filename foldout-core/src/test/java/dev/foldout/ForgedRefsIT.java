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
 * Any role may write {@code foldout.refs}, so a snapshot or branch entry is no evidence by itself: Foldout drops or
 * restores over a database only when PostgreSQL shows it is the one the entry's author made and could drop. Written
 * as the attacks were made (issue 13, defect 2): alice and bob share a server; bob forges entries.
 */
class ForgedRefsIT {
    private final List<String> databases = new ArrayList<>();
    private String alice;
    private String bob;
    private String adb;

    @BeforeEach
    void setUp() {
        alice = Roles.create("alice");
        bob = Roles.create("bob");
        adb = TestPostgres.uniqueName("adb");
        databases.add(adb);
        TestFoldout.seed(adb, 10);
        TestPostgres.exec("postgres", "alter database " + adb + " owner to " + alice);
        try (Foldout su = TestFoldout.connect("postgres", "")) {
            su.databases(); // the catalog exists, made by a superuser
        }
    }

    @AfterEach
    void tearDown() {
        TestFoldout.dropQuietly(databases.toArray(String[]::new));
        TestPostgres.exec("foldout_catalog", "delete from foldout.refs where parent = '" + adb + "' or name = '" + adb + "'");
        Roles.dropQuietly(alice, bob);
    }

    @Test
    void aBranchEntryBobForgedOnAlicesDatabaseIsUntrustedAndDeleteBranchDropsNothing() throws SQLException {
        try (Connection asBob = Roles.connect(bob, "foldout_catalog")) {
            String author = forge(asBob, adb, "BRANCH", "postgres", oid(adb));
            assertThat(author).as("the author is stamped by the catalog, not taken from the writer").isEqualTo(bob);
            assertThatThrownBy(() -> asBob.createStatement().execute("alter table foldout.refs disable trigger stamp_author"))
                    .hasMessageContaining("must be owner");
        }
        try (Foldout asAlice = Roles.foldout(alice, adb)) {
            assertThat(asAlice.branches()).filteredOn(r -> r.name().equals(adb)).singleElement()
                    .extracting(RefInfo::status).isEqualTo(RefStatus.UNTRUSTED);
            assertThatThrownBy(() -> asAlice.getBranch(adb).delete(true))
                    .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("\"" + adb + "\"")
                    .hasMessageContaining("'" + bob + "'").hasMessageContaining("nothing was dropped")
                    .hasMessageNotContaining("\n");
        }
        assertThat(TestFoldout.count(adb)).isEqualTo(10);
    }

    @Test
    void anEntryWithNoDatabaseOidIsNoLicenceToDropTheDatabaseOfThatName() throws SQLException {
        try (Connection asBob = Roles.connect(bob, "foldout_catalog")) {
            forge(asBob, adb, "BRANCH", "postgres", 0);
        }
        try (Foldout asAlice = Roles.foldout(alice, adb)) {
            assertThat(asAlice.branches()).filteredOn(r -> r.name().equals(adb)).singleElement()
                    .extracting(RefInfo::status).isEqualTo(RefStatus.UNTRUSTED);
            assertThatThrownBy(() -> asAlice.getBranch(adb).delete(true)).isInstanceOf(PermissionDeniedException.class);
        }
        assertThat(TestFoldout.count(adb)).isEqualTo(10);
    }

    @Test
    void aSnapshotEntryBobForgedOnHisOwnDatabaseIsNotRestoredOverAlicesBySuperuser() throws SQLException {
        String bobdb = TestPostgres.uniqueName("bobdb");
        databases.add(bobdb);
        try (Connection asBob = Roles.connect(bob, "postgres")) {
            asBob.createStatement().execute("create database " + bobdb);
        }
        TestPostgres.exec(bobdb, "create table t(id int primary key, v text)", "insert into t values (1, 'bob was here')");
        try (Connection asBob = Roles.connect(bob, "foldout_catalog")) {
            forge(asBob, bobdb, "SNAPSHOT", adb, oid(bobdb));
        }
        try (Foldout su = TestFoldout.connect("postgres", "")) {
            assertThat(su.snapshots()).filteredOn(r -> r.name().equals(bobdb)).singleElement()
                    .extracting(RefInfo::status).as("bob could drop his own database").isEqualTo(RefStatus.OK);
            assertThatThrownBy(() -> su.getDatabase(adb).restore(bobdb, CopyOptions.DEFAULTS))
                    .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("\"" + bobdb + "\"")
                    .hasMessageContaining("'" + bob + "'").hasMessageContaining("\"" + adb + "\"")
                    .hasMessageNotContaining("\n");
        }
        assertThat(TestFoldout.count(adb)).isEqualTo(10);
    }

    @Test
    void aMergeBaseBobPointedAtAlicesDatabaseIsNeitherDroppedWithHisBranchNorHiddenFromLists() throws SQLException {
        String bobsrc = TestPostgres.uniqueName("bobsrc");
        String bobbranch = TestPostgres.uniqueName("bobbranch");
        databases.add(bobsrc);
        databases.add(bobbranch);
        try (Connection asBob = Roles.connect(bob, "postgres")) {
            asBob.createStatement().execute("create database " + bobsrc);
        }
        try (Foldout asBob = Roles.foldout(bob, bobsrc)) {
            asBob.getDatabase(bobsrc).branch(bobbranch, CopyOptions.DEFAULTS);
        }
        try (Connection asBob = Roles.connect(bob, "foldout_catalog");
             PreparedStatement st = asBob.prepareStatement("update foldout.refs set base_name = ?, base_oid = ?::bigint::oid "
                     + "where name = ?")) {
            st.setString(1, adb);
            st.setLong(2, oid(adb));
            st.setString(3, bobbranch);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        try (Foldout su = TestFoldout.connect("postgres", "")) {
            assertThat(su.databases()).extracting(DatabaseInfo::name).as("not hidden as a merge base").contains(adb);
            su.getBranch(bobbranch).delete(true);
        }
        assertThat(TestFoldout.count(adb)).as("a superuser deleting bob's branch drops no base bob named").isEqualTo(10);
    }

    @Test
    void alicesOwnEntriesStayTrusted() {
        String branch = TestPostgres.uniqueName("abr");
        String snap = TestPostgres.uniqueName("asnap");
        databases.add(branch);
        databases.add(snap);
        try (Foldout asAlice = Roles.foldout(alice, adb)) {
            asAlice.getDatabase(adb).branch(branch, CopyOptions.DEFAULTS);
            asAlice.getDatabase(adb).snapshot(snap, CopyOptions.DEFAULTS);
            assertThat(asAlice.branches()).filteredOn(r -> r.name().equals(branch)).singleElement()
                    .extracting(RefInfo::status).isEqualTo(RefStatus.OK);
            TestPostgres.exec(adb, "delete from t");
            asAlice.getDatabase(adb).restore(snap, CopyOptions.DEFAULTS);
            asAlice.getBranch(branch).delete(false);
            asAlice.getSnapshot(snap).delete(false);
        }
        assertThat(TestFoldout.count(adb)).isEqualTo(10);
    }

    private static String forge(Connection c, String name, String kind, String parent, long oid) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("insert into foldout.refs(name, kind, parent, backend, db_oid, lsn, "
                + "copy_method, copy_micros) values (?, ?, ?, 'template', ?::bigint::oid, '0/0', 'CLONE', 0) returning *")) {
            st.setString(1, name);
            st.setString(2, kind);
            st.setString(3, parent);
            st.setLong(4, oid);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return hasAuthor(rs) ? rs.getString("author") : "";
            }
        }
    }

    private static boolean hasAuthor(ResultSet rs) throws SQLException {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            if (rs.getMetaData().getColumnName(i).equals("author")) {
                return true;
            }
        }
        return false;
    }

    private static long oid(String database) throws SQLException {
        try (Connection c = TestPostgres.connect("postgres");
             PreparedStatement st = c.prepareStatement("select oid::bigint from pg_database where datname = ?")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
