package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.Roles;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Any role that may connect to the catalog can take Foldout's advisory locks and reach the journal. Holding a lock
 * never stalls another role silently: the wait is bounded and the error names the session that holds it. Deleting
 * another role's journal row does nothing, so a half-made operation of that role is still repaired.
 */
class LockAbuseIT {
    /** The high half of a database lock's key ({@code "Fold"}); the low half is the database's OID. */
    private static final long DATABASE_LOCKS = 0x466f6c64L << 32;
    private static final long REPAIR_LOCK = 0x466f6c6452L;

    private String alice;
    private String bob;
    private String adb;

    @BeforeEach
    void setUp() {
        alice = Roles.create("alice");
        bob = Roles.create("bob");
        adb = Roles.ownedDatabase(alice, "adb", 10);
        try (Foldout fld = TestFoldout.connect(adb, "template")) {
            fld.databases(); // the catalog exists and is migrated
        }
    }

    @AfterEach
    void tearDown() {
        TestFoldout.dropQuietly(adb);
        TestPostgres.exec("foldout_catalog", "delete from foldout.operations where author in ('" + alice + "', '" + bob + "')");
        Roles.dropQuietly(alice, bob);
    }

    @Test
    void aDatabaseLockHeldByAnotherRoleEndsTheWaitNamingItsHolder() throws SQLException {
        long oid = Long.parseLong(TestPostgres.query("postgres", "select oid from pg_database where datname = '" + adb + "'"));
        try (Connection squatter = Roles.connect(bob, "foldout_catalog"); Statement st = squatter.createStatement()) {
            st.execute("set application_name = 'squatter'");
            st.execute("select pg_advisory_lock(" + (DATABASE_LOCKS | oid) + ")");
            int pid = pid(squatter);
            try (Foldout asAlice = Roles.foldout(alice, adb)) {
                String branch = TestPostgres.uniqueName("ab");
                assertThatThrownBy(() -> asAlice.defaultDatabase().branch(branch))
                        .isInstanceOf(FoldoutException.class)
                        .hasMessageContaining("\"" + adb + "\" is busy")
                        .hasMessageContaining("session " + pid + " of role '" + bob + "'")
                        .hasMessageContaining("'squatter'")
                        .hasMessageContaining("pg_terminate_backend(" + pid + ")")
                        .hasMessageNotContaining("\n");
                assertThat(asAlice.databases()).extracting(DatabaseInfo::name).doesNotContain(branch);
            }
        }
    }

    @Test
    void theRepairLockHeldByAnotherRoleEndsTheWaitNamingItsHolder() throws SQLException {
        try (Connection dead = Roles.connect(alice, "foldout_catalog");
             Connection squatter = Roles.connect(bob, "foldout_catalog"); Statement st = squatter.createStatement()) {
            orphan(dead, adb);
            st.execute("select pg_advisory_lock(" + REPAIR_LOCK + ")");
            int pid = pid(squatter);
            try (Foldout asAlice = Roles.foldout(alice, adb)) {
                assertThatThrownBy(asAlice::databases)
                        .isInstanceOf(FoldoutException.class)
                        .hasMessageContaining("repairing")
                        .hasMessageContaining("session " + pid + " of role '" + bob + "'");
            }
            st.execute("select pg_advisory_unlock_all()");
            try (Foldout asAlice = Roles.foldout(alice, adb)) {
                asAlice.databases(); // the lock is free again: the repair runs
                assertThat(journalRows(alice)).isZero();
            }
        }
    }

    @Test
    void anotherRoleCannotDeleteOrRewriteAJournalRow() throws SQLException {
        try (Connection dead = Roles.connect(alice, "foldout_catalog");
             Connection other = Roles.connect(bob, "foldout_catalog"); Statement st = other.createStatement()) {
            orphan(dead, adb);
            assertThat(st.executeUpdate("delete from foldout.operations where author = '" + alice + "'")).isZero();
            assertThat(st.executeUpdate("update foldout.operations set target = 'elsewhere' where author = '" + alice
                    + "'")).isZero();
            assertThat(journalRows(alice)).isEqualTo(1);
            // the half-made branch is still repaired: the source takes connections again
            try (Foldout asAlice = Roles.foldout(alice, adb)) {
                asAlice.databases();
            }
            assertThat(journalRows(alice)).isZero();
            assertThat(TestPostgres.query("postgres", "select datallowconn from pg_database where datname = '" + adb + "'"))
                    .isEqualTo("t");
        }
    }

    /**
     * A journal row of an interrupted branch of {@code source} by the connection's role, as a process that died
     * leaves it (the source closed to connections, the owner's process long gone).
     */
    private static void orphan(Connection c, String source) throws SQLException {
        TestPostgres.exec("postgres", "alter database " + source + " allow_connections false");
        try (PreparedStatement st = c.prepareStatement("insert into foldout.operations(kind, source, target, source_allowed, "
                + "owner_pid, owner_started) values ('BRANCH', ?, ?, true, 1, now() - interval '1 day')")) {
            st.setString(1, source);
            st.setString(2, source + "_half");
            st.executeUpdate();
        }
    }

    private static long journalRows(String author) {
        return Long.parseLong(TestPostgres.query("foldout_catalog",
                "select count(*) from foldout.operations where author = '" + author + "'"));
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
