package dev.foldout.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Sessions that stand for a Foldout process killed half-way. */
public final class Sessions {
    private Sessions() {
    }

    /** The server's pid of {@code c}'s session. */
    public static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Waits until the server's process of session {@code pid}, whose client has gone, has exited: a backend leaves
     * {@code pg_stat_activity} a moment after its connection closes, and until then its journal rows have a live owner.
     */
    public static void awaitGone(int pid) {
        boolean gone = TestFoldout.eventually(() -> {
            try (Connection c = TestPostgres.connect("postgres");
                 PreparedStatement st = c.prepareStatement("select count(*) from pg_stat_activity where pid = ?")) {
                st.setInt(1, pid);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 0;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        if (!gone) {
            throw new IllegalStateException("session " + pid + " did not exit within 5 s of its connection closing");
        }
    }
}
