package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog is shared by every role of the cluster, so a row a weak role writes must never make a superuser's Foldout
 * do what that role could not: drop a database it does not own, or remove files and run programs named by an instance
 * branch's entry.
 */
class CatalogTrustIT {
    private String role;
    private String victim;
    private Foldout fld;

    @BeforeEach
    void setUp() {
        role = TestPostgres.uniqueName("weak");
        victim = TestPostgres.uniqueName("victim");
        TestFoldout.seed(victim, 10);
        TestPostgres.exec("postgres", "create role " + role + " login password 'pw'");
        fld = TestFoldout.connect(victim, "");
        fld.databases(); // the catalog exists and is migrated
    }

    @AfterEach
    void tearDown() {
        fld.close();
        TestFoldout.dropQuietly(victim);
        TestPostgres.exec("foldout_catalog", "delete from foldout.operations where author = '" + role + "'",
                "delete from foldout.refs where name = '" + role + "'",
                "delete from foldout.instances where author = '" + role + "'",
                "revoke all on foldout.instances from " + role);
        TestPostgres.exec("postgres", "drop role " + role);
    }

    @Test
    void aJournalEntryForgedByAWeakRoleDropsNothingOfAnotherRole() throws SQLException {
        try (Connection weak = connectAs(role, "foldout_catalog");
             PreparedStatement st = weak.prepareStatement("insert into foldout.operations(kind, source, target, source_allowed, "
                     + "owner_pid, owner_started, author) values ('BRANCH', ?, ?, true, 1, now() - interval '1 day', 'postgres') "
                     + "returning author::text")) {
            st.setString(1, victim);
            st.setString(2, victim);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).as("the author is stamped, not taken from the writer").isEqualTo(role);
            }
        }

        // a repair acts as the row's author, who may not drop the victim: the entry is discarded, and said to be
        assertThat(fld.repair()).anySatisfy(line -> assertThat(line).startsWith("discarded a journal entry")
                .contains("\"" + victim + "\"").contains("'" + role + "' has no rights there"))
                .noneSatisfy(line -> assertThat(line).startsWith("repaired").contains("\"" + victim + "\""));
        String next = TestPostgres.uniqueName("next");
        try {
            fld.branch(next); // any call repairs the journal first, acting as the row's author
            assertThat(fld.databases()).extracting(DatabaseInfo::name).contains(victim, next);
            assertThat(TestFoldout.count(victim)).isEqualTo(10);
            assertThat(journalRowsOf(role)).as("a row its author had no rights for is dropped").isZero();
        } finally {
            TestFoldout.dropQuietly(next);
        }
    }

    @Test
    void aWeakRoleCannotWriteInstanceEntriesAndOneItWroteAnywayIsNeverActedOn() throws Exception {
        Path precious = Files.createTempDirectory("foldout-precious");
        Files.writeString(precious.resolve("keep.txt"), "mine");
        try (Connection weak = connectAs(role, "foldout_catalog")) {
            assertThatThrownBy(() -> insertInstanceRow(weak, precious))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");

            // a careless grant (or a catalog owned by a weak role): the row goes in, stamped with its author
            TestPostgres.exec("foldout_catalog", "grant insert on foldout.instances to " + role);
            insertInstanceRow(weak, precious);
            try (PreparedStatement ref = weak.prepareStatement("insert into foldout.refs(name, kind, parent, backend, db_oid, "
                    + "lsn, copy_method, copy_micros) values (?, 'BRANCH', ?, 'reflink-cluster', 0, '0/0', 'CLONE', 0)")) {
                ref.setString(1, role);
                ref.setString(2, victim);
                ref.executeUpdate();
            }

            Optional<InstanceInfo> seen = fld.instances().stream().filter(i -> i.name().equals(role)).findFirst();
            assertThat(seen).isPresent();
            assertThat(seen.get().state()).isEqualTo(InstanceState.UNTRUSTED);
            assertThat(precious.resolve("keep.txt")).as("repair must not remove what the row names").exists();
            assertThatThrownBy(() -> fld.getBranch(role).delete(true))
                    .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("'" + role + "'")
                    .hasMessageContaining("not a superuser");
            assertThat(precious.resolve("keep.txt")).exists();
        } finally {
            Files.deleteIfExists(precious.resolve("keep.txt"));
            Files.deleteIfExists(precious);
        }
    }

    @Test
    void instanceBranchesNeedASuperuser() throws Exception {
        TestPostgres.exec("postgres", "alter role " + role + " createdb", "alter database " + victim + " owner to " + role);
        try (Foldout weak = Foldout.connect(FoldoutConfig.builder().url(TestPostgres.url(victim).toString()
                .replace("postgres:***", role + ":pw")).build())) {
            assertThat(weak.instanceBackends()).as("foldout init says why").isNotEmpty().allSatisfy(b -> {
                assertThat(b.available()).isFalse();
                assertThat(b.reason()).contains("needs a superuser").contains(role);
            });
            assertThatThrownBy(() -> weak.defaultDatabase().branch(TestPostgres.uniqueName("ib"),
                    CopyOptions.DEFAULTS.withBackend("reflink-cluster")))
                    .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("needs a superuser")
                    .hasMessageContaining(role);
        } finally {
            TestPostgres.exec("postgres", "alter database " + victim + " owner to postgres");
        }
    }

    private void insertInstanceRow(Connection c, Path location) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("insert into foldout.instances(name, backend, state, parent, database, "
                + "location, data_dir, binaries, os_account, listen_address, port, owner_pid, owner_started) values "
                + "(?, 'reflink-cluster', 'CREATING', ?, ?, ?, ?, '/usr', 'root', '127.0.0.1', 1, 1, now() - interval '1 day')")) {
            st.setString(1, role);
            st.setString(2, victim);
            st.setString(3, victim);
            st.setString(4, location.toString());
            st.setString(5, location.toString());
            st.executeUpdate();
        }
    }

    private static long journalRowsOf(String author) throws SQLException {
        try (Connection c = TestPostgres.connect("foldout_catalog");
             PreparedStatement st = c.prepareStatement("select count(*) from foldout.operations where author = ?")) {
            st.setString(1, author);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connectAs(String user, String database) throws SQLException {
        return DriverManager.getConnection(TestPostgres.url(database).jdbcUrl(), user, "pw");
    }
}
