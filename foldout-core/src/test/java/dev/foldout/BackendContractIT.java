package dev.foldout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.TestFoldout;
import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database backend promises: branches and snapshots are independent, exact copies; a source in
 * use is refused (naming the sessions) or, with force, freed; a failure leaves nothing behind.
 */
public abstract class BackendContractIT {
    protected String source;
    protected final List<String> made = new ArrayList<>();
    protected Foldout fld;

    /** The backend under test. */
    protected abstract String backend();

    @BeforeEach
    void seed() {
        source = TestPostgres.uniqueName("src");
        TestFoldout.seed(source, 1000);
        fld = TestFoldout.connect(source, backend());
    }

    @AfterEach
    void cleanUp() {
        fld.close();
        made.add(source);
        TestFoldout.dropQuietly(made.toArray(String[]::new));
    }

    protected String name(String prefix) {
        String n = TestPostgres.uniqueName(prefix);
        made.add(n);
        return n;
    }

    @Test
    void aBranchIsAnIndependentWritableCopy() throws SQLException {
        String b = name("br");
        Branch branch = fld.branch(b);
        assertThat(TestFoldout.count(b)).isEqualTo(1000);
        try (Connection c = branch.open(); Statement st = c.createStatement()) {
            st.execute("delete from t where id <= 10");
        }
        assertThat(TestFoldout.count(b)).isEqualTo(990);
        assertThat(TestFoldout.count(source)).isEqualTo(1000);
        RefInfo info = branch.info();
        assertThat(info.kind()).isEqualTo(RefKind.BRANCH);
        assertThat(info.parent()).isEqualTo(source);
        assertThat(info.backend()).isEqualTo(backend());
        assertThat(info.status()).isEqualTo(RefStatus.OK);
        assertThat(info.lsn().value()).isPositive();
        assertThat(fld.branches()).extracting(RefInfo::name).contains(b);
        assertThat(branch.jdbcUrl()).contains(b);
    }

    @Test
    void aSnapshotRefusesConnectionsAndCanBeBranched() {
        String s = name("snap");
        String b = name("from_snap");
        Snapshot snap = fld.defaultDatabase().snapshot(s, CopyOptions.DEFAULTS.withMessage("before the migration"));
        assertThat(snap.info().message()).isEqualTo("before the migration");
        assertThatThrownBy(() -> TestPostgres.connect(s)).hasMessageContaining(s);
        snap.branch(b, CopyOptions.DEFAULTS);
        assertThat(TestFoldout.count(b)).isEqualTo(1000);
        assertThat(fld.getBranch(b).info().parent()).isEqualTo(s);
    }

    @Test
    void aSourceInUseIsRefusedNamingTheSessionAndNothingChanges() throws SQLException {
        String b = name("busy");
        try (Connection blocker = TestPostgres.connect(source); Statement st = blocker.createStatement()) {
            st.execute("set application_name = 'blocking-app'");
            assertThatThrownBy(() -> fld.branch(b))
                    .isInstanceOf(DatabaseInUseException.class)
                    .hasMessageContaining(source)
                    .hasMessageContaining("blocking-app")
                    .hasMessageContaining("with force (CopyOptions.withForce(true))")
                    .satisfies(e -> assertThat(((DatabaseInUseException) e).blockers()).hasSize(1));
        }
        assertThat(fld.findBranch(b)).isEmpty();
        assertThat(fld.databases()).extracting(DatabaseInfo::name).doesNotContain(b);
        try (Connection again = TestPostgres.connect(source)) {
            assertThat(again.isValid(1)).isTrue();
        }
    }

    @Test
    void forceTerminatesTheSessionsAndGoesOn() throws SQLException {
        String b = name("forced");
        Connection blocker = TestPostgres.connect(source);
        try {
            fld.defaultDatabase().branch(b, CopyOptions.DEFAULTS.withForce(true));
            assertThat(TestFoldout.count(b)).isEqualTo(1000);
            assertThat(TestFoldout.eventually(() -> {
                try {
                    return !blocker.isValid(1);
                } catch (SQLException e) {
                    return true;
                }
            })).isTrue();
        } finally {
            blocker.close();
        }
        try (Connection again = TestPostgres.connect(source)) {
            assertThat(again.isValid(1)).isTrue();
        }
    }

    @Test
    void restorePutsTheDatabaseBackAndWorksTwice() throws SQLException {
        String s = name("rs");
        fld.snapshot(s);
        TestPostgres.exec(source, "delete from t where id > 100");
        fld.defaultDatabase().restore(s, CopyOptions.DEFAULTS);
        assertThat(TestFoldout.count(source)).isEqualTo(1000);
        TestPostgres.exec(source, "insert into t values (5000, 'extra')");
        fld.getSnapshot(s).restore(CopyOptions.DEFAULTS);
        assertThat(TestFoldout.count(source)).isEqualTo(1000);
        assertThat(fld.databases()).extracting(DatabaseInfo::name).noneMatch(n -> n.startsWith("foldout_tmp_")
                || n.startsWith("foldout_prev_"));
    }

    @Test
    void restoreOfADatabaseInUseIsRefusedAndKeepsTheCurrentState() throws SQLException {
        String s = name("rsbusy");
        fld.snapshot(s);
        TestPostgres.exec(source, "delete from t where id > 10");
        try (Connection blocker = TestPostgres.connect(source)) {
            assertThatThrownBy(() -> fld.defaultDatabase().restore(s, CopyOptions.DEFAULTS))
                    .isInstanceOf(DatabaseInUseException.class);
            assertThat(blocker.isValid(1)).isTrue();
        }
        assertThat(TestFoldout.count(source)).isEqualTo(10);
        assertThat(fld.databases()).extracting(DatabaseInfo::name).noneMatch(n -> n.startsWith("foldout_"));
        fld.defaultDatabase().restore(s, CopyOptions.DEFAULTS.withForce(true));
        assertThat(TestFoldout.count(source)).isEqualTo(1000);
    }

    @Test
    void deleteRemovesTheDatabaseAndTheEntry() {
        String b = name("del");
        String s = name("delsnap");
        fld.branch(b).delete(false);
        fld.snapshot(s).delete(false);
        assertThat(fld.findBranch(b)).isEmpty();
        assertThat(fld.findSnapshot(s)).isEmpty();
        assertThat(fld.databases()).extracting(DatabaseInfo::name).doesNotContain(b, s);
    }
}
