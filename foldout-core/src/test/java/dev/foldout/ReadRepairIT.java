package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.testing.Roles;
import dev.foldout.testing.Sessions;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-only calls repair what a dead process left, as the write calls do, or say in one line what is broken and what
 * repairs it (issue 13, defect 6): written as the probe left it, a branch killed while its source refused connections.
 */
class ReadRepairIT {
    private final List<String> databases = new ArrayList<>();
    private String src;
    private Foldout fld;

    @BeforeEach
    void setUp() {
        src = database("src", 10);
        fld = TestFoldout.connect(src, "");
        fld.databases(); // the catalog exists
    }

    @AfterEach
    void tearDown() {
        fld.close();
        TestFoldout.dropQuietly(databases.toArray(String[]::new));
    }

    private String database(String prefix, int rows) {
        String name = TestPostgres.uniqueName(prefix);
        databases.add(name);
        TestFoldout.seed(name, rows);
        return name;
    }

    /** A branch of {@code src} whose process was killed after it closed the source and began the copy. */
    private String killedBranch() throws Exception {
        String halfMade = TestPostgres.uniqueName("halfmade");
        databases.add(halfMade);
        int pid;
        try (Connection dying = TestPostgres.connect("foldout_catalog"); Statement st = dying.createStatement()) {
            pid = Sessions.pid(dying);
            Journal.begin(dying, new Operation(0, Operation.Kind.BRANCH, src, halfMade, null, null, true, null));
            st.execute("alter database " + src + " allow_connections false");
            st.execute("create database " + halfMade + " template " + src);
        }
        Sessions.awaitGone(pid);
        return halfMade;
    }

    private void assertRepairedBy(Consumer<Foldout> call) throws Exception {
        String halfMade = killedBranch();
        call.accept(fld);
        // checked with SQL: any Foldout call would repair by itself now
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select (select datallowconn from pg_database where datname = '" + src + "'), "
                     + "(select count(*) from pg_database where datname = '" + halfMade + "')")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("the source accepts connections again").isTrue();
            assertThat(rs.getInt(2)).as("the half-made copy is dropped").isZero();
        }
        assertThat(TestFoldout.count(src)).isEqualTo(10);
    }

    @Test
    void databasesListRepairs() throws Exception {
        assertRepairedBy(Foldout::databases);
    }

    @Test
    void branchesListRepairs() throws Exception {
        assertRepairedBy(Foldout::branches);
    }

    @Test
    void snapshotsListRepairs() throws Exception {
        assertRepairedBy(Foldout::snapshots);
    }

    @Test
    void diffRepairsFirst() throws Exception {
        String other = database("other", 10);
        assertRepairedBy(f -> assertThat(f.diff(src, other, DiffOptions.DEFAULTS).tables()).isNotNull());
    }

    @Test
    void whatAnotherRoleLeftIsNamedWithTheRoleWhoseStatusRepairsIt() throws Exception {
        String alice = Roles.create("alice");
        String bob = Roles.create("bob");
        String other = database("other", 10);
        try {
            TestPostgres.exec("postgres", "alter database " + src + " owner to " + alice);
            int pid;
            try (Connection dying = Roles.connect(alice, "foldout_catalog"); Statement st = dying.createStatement()) {
                pid = Sessions.pid(dying);
                Journal.begin(dying, new Operation(0, Operation.Kind.SNAPSHOT, src, src + "_x", null, null, true, null));
                st.execute("alter database " + src + " allow_connections false");
            }
            Sessions.awaitGone(pid);
            try (Foldout asBob = Roles.foldout(bob, other)) {
                assertThat(asBob.databases()).as("bob may not repair alice's operation, and his list still works")
                        .filteredOn(d -> d.name().equals(src)).singleElement()
                        .extracting(DatabaseInfo::allowsConnections).isEqualTo(false);
                assertThatThrownBy(() -> asBob.diff(src, other, DiffOptions.DEFAULTS))
                        .isInstanceOf(FoldoutException.class).hasMessageContaining("\"" + src + "\"")
                        .hasMessageContaining("role '" + alice + "'").hasMessageContaining("Foldout.repair() run as '" + alice + "'")
                        .hasMessageNotContaining("FATAL");
            }
            try (Foldout asAlice = Roles.foldout(alice, src)) {
                asAlice.snapshots(); // her own call repairs it
            }
            assertThat(TestFoldout.count(src)).isEqualTo(10);
        } finally {
            TestPostgres.exec("postgres", "alter database " + src + " owner to postgres");
            Roles.dropQuietly(alice, bob);
        }
    }

    @Test
    void aDiffWithADatabaseThatRefusesConnectionsSaysSoAndTheFix() {
        String other = database("other", 10);
        TestPostgres.exec("postgres", "alter database " + other + " allow_connections false");
        try {
            assertThatThrownBy(() -> fld.diff(src, other, DiffOptions.DEFAULTS))
                    .isInstanceOf(FoldoutException.class).hasMessageContaining("\"" + other + "\"")
                    .hasMessageContaining("ALLOW_CONNECTIONS true").hasMessageNotContaining("FATAL")
                    .hasMessageNotContaining("\n");
        } finally {
            TestPostgres.exec("postgres", "alter database " + other + " allow_connections true");
        }
    }

    @Test
    void aDiffOfABranchMadeFromASnapshotNamesTheSnapshot() {
        String snap = TestPostgres.uniqueName("snap");
        String branch = TestPostgres.uniqueName("frombranch");
        databases.add(snap);
        databases.add(branch);
        fld.getDatabase(src).snapshot(snap, CopyOptions.DEFAULTS);
        fld.getSnapshot(snap).branch(branch, CopyOptions.DEFAULTS);
        assertThatThrownBy(() -> fld.getBranch(branch).diff())
                .isInstanceOf(FoldoutException.class).hasMessageContaining("snapshot \"" + snap + "\"")
                .hasMessageContaining("Foldout.diff(\"" + branch + "\", \"" + src + "\")").hasMessageNotContaining("FATAL");
    }
}
