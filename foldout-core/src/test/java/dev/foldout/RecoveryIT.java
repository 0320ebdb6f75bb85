package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.Operation;
import dev.foldout.testing.Sessions;
import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Foldout process killed half-way: its journal row outlives its catalog session, and the next call
 * finds it, allows connections to the source again and removes what was half-made, or finishes/undoes a
 * restore. The dead process is played by a catalog connection that does the first steps and is closed.
 */
class RecoveryIT {
    private String source;
    private Foldout fld;

    @BeforeEach
    void seed() {
        source = TestPostgres.uniqueName("rec");
        TestFoldout.seed(source, 50);
        fld = TestFoldout.connect(source, "");
    }

    @AfterEach
    void cleanUp() {
        fld.close();
        TestFoldout.dropQuietly(source);
    }

    @Test
    void aBranchKilledAfterTheCopyIsCleanedUpAndTheSourceUnlocked() throws SQLException {
        String target = TestPostgres.uniqueName("halfmade");
        int pid;
        try (Connection dying = TestPostgres.connect("foldout_catalog"); Statement st = dying.createStatement()) {
            pid = Sessions.pid(dying);
            Journal.begin(dying, new Operation(0, Operation.Kind.BRANCH, source, target, null, null, true, null));
            st.execute("alter database " + source + " allow_connections false");
            st.execute("create database " + target + " template " + source);
        } // the process dies here: connections to the source are off, and the copy has no catalog entry
        Sessions.awaitGone(pid);
        assertThat(allowsConnections(source)).isFalse();

        String next = TestPostgres.uniqueName("next");
        try {
            fld.branch(next);
            assertThat(allowsConnections(source)).isTrue();
            assertThat(fld.databases()).extracting(DatabaseInfo::name).doesNotContain(target).contains(next);
            try (Connection again = TestPostgres.connect(source)) {
                assertThat(again.isValid(1)).isTrue();
            }
        } finally {
            TestFoldout.dropQuietly(next, target);
        }
    }

    @Test
    void aRestoreKilledAfterRenamingTheOldDatabaseAwayIsRolledBack() throws SQLException {
        String snap = TestPostgres.uniqueName("rsnap");
        fld.snapshot(snap);
        TestPostgres.exec(source, "delete from t where id > 5");
        String tmp = "foldout_tmp_dead" + ProcessHandle.current().pid();
        String prev = "foldout_prev_dead" + ProcessHandle.current().pid();
        int pid;
        try (Connection dying = TestPostgres.connect("foldout_catalog"); Statement st = dying.createStatement()) {
            pid = Sessions.pid(dying);
            Journal.begin(dying, new Operation(0, Operation.Kind.RESTORE, snap, source, tmp, prev, false, true));
            st.execute("create database " + tmp + " template " + snap);
            st.execute("alter database " + source + " allow_connections false");
            st.execute("alter database " + source + " rename to " + prev);
        } // died between the two renames: the name is empty for a moment
        Sessions.awaitGone(pid);
        assertThat(exists(source)).as("checked with SQL: any Foldout call, a list too, repairs first").isFalse();

        String probe = TestPostgres.uniqueName("probe");
        try {
            fld.defaultDatabase().snapshot(probe); // any call repairs first
            assertThat(TestFoldout.count(source)).isEqualTo(5);
            assertThat(allowsConnections(source)).isTrue();
            assertThat(fld.databases()).extracting(DatabaseInfo::name).doesNotContain(tmp, prev);
        } finally {
            TestFoldout.dropQuietly(probe, snap, tmp, prev);
        }
    }

    @Test
    void anEntryWhoseDatabaseVanishedIsShownAsMissingAndCanBeDeleted() {
        String b = TestPostgres.uniqueName("vanish");
        fld.branch(b);
        TestPostgres.exec("postgres", "drop database " + b);
        assertThat(fld.getBranch(b).info().status()).isEqualTo(RefStatus.MISSING);
        TestPostgres.exec("postgres", "create database " + b);
        assertThat(fld.getBranch(b).info().status()).isEqualTo(RefStatus.REPLACED);
        fld.getBranch(b).delete(false);
        assertThat(fld.findBranch(b)).isEmpty();
        assertThat(fld.databases()).extracting(DatabaseInfo::name).contains(b); // not Foldout's: left alone
        TestFoldout.dropQuietly(b);
    }

    @Test
    void severalSessionsBranchingAtOnceAllSucceed() throws Exception {
        int n = 4;
        String[] names = new String[n];
        Thread[] threads = new Thread[n];
        Throwable[] errors = new Throwable[n];
        for (int i = 0; i < n; i++) {
            names[i] = TestPostgres.uniqueName("par");
            int k = i;
            threads[i] = new Thread(() -> {
                try (Foldout own = TestFoldout.connect(source, "")) {
                    own.branch(names[k]);
                } catch (Throwable t) {
                    errors[k] = t;
                }
            });
            threads[i].start();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
            assertThat(errors).containsOnlyNulls();
            assertThat(fld.branches()).extracting(RefInfo::name).contains(names);
        } finally {
            TestFoldout.dropQuietly(names);
        }
    }

    private static boolean exists(String db) throws SQLException {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement();
             var rs = st.executeQuery("select count(*) from pg_database where datname = '" + db + "'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static boolean allowsConnections(String db) throws SQLException {
        try (Connection c = TestPostgres.connect("postgres"); Statement st = c.createStatement();
             var rs = st.executeQuery("select datallowconn from pg_database where datname = '" + db + "'")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
