package dev.foldout.merge;

import dev.foldout.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One value read from the test cluster. */
final class TestPostgresQuery {
    private TestPostgresQuery() {
    }

    /** The first column of the first row of {@code sql} on {@code database}, as text. */
    static String text(String database, String sql) {
        try (Connection c = TestPostgres.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on " + database + ": " + e.getMessage(), e);
        }
    }
}
