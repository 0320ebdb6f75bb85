package dev.foldout.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** {@link CutSnapshot#take} on a real server: which transaction IDs it says may still end either way. */
class CutSnapshotIT {

    private static long xid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pg_current_xact_id()::text::int8")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long snapshotXmax(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select pg_snapshot_xmax(pg_current_snapshot())::text::int8")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Two transactions given their IDs and still running: no transaction ended after them, so the snapshot's xmax is
     * at or below the later one, which the counter must still cover.
     */
    @Test
    void coversTransactionsRunningAtOrPastTheSnapshotsXmax() throws SQLException {
        try (Connection first = TestPostgres.connect("postgres"); Connection second = TestPostgres.connect("postgres");
             Connection c = TestPostgres.connect("postgres")) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            long a = xid(first);
            long b = xid(second);
            CutSnapshot cut = CutSnapshot.take(c);
            long xmax = snapshotXmax(c);
            assertThat(cut.xmin()).isLessThanOrEqualTo(a);
            assertThat(cut.next()).as("the counter past %d (the snapshot's xmax is %d)", b, xmax).isGreaterThan(b);
            first.rollback();
            second.rollback();
            long later = xid(c);
            assertThat(later).as("an ID given out after the snapshot").isGreaterThanOrEqualTo(cut.next());
        }
    }

    @Test
    void refusesAConnectionInsideATransaction() throws SQLException {
        try (Connection c = TestPostgres.connect("postgres")) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> CutSnapshot.take(c)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("auto-commit");
            c.rollback();
        }
    }

    @Test
    void rejectsACounterBelowXmin() {
        assertThatThrownBy(() -> new CutSnapshot(10, 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
