package dev.foldout.internal.ops;

import dev.foldout.FoldoutException;
import dev.foldout.SessionInfo;
import dev.foldout.internal.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Connections to a database that is closed to every session (a merge base): connections are allowed for the moment
 * it takes to open Foldout's own, then closed again, and any other session that slipped in meanwhile fails the call.
 */
public final class HiddenDatabase {
    private HiddenDatabase() {
    }

    /** Opens {@code n} connections to {@code name} through the session, using {@code admin} to open and close it. */
    static List<Connection> open(Session s, Connection admin, String name, int n) throws SQLException {
        List<Connection> out = new ArrayList<>();
        ClusterDatabases.allowConnections(admin, name, true);
        try {
            for (int i = 0; i < n; i++) {
                out.add(s.connections().open(name));
            }
        } catch (RuntimeException e) {
            closeAll(out, e);
            throw e;
        } finally {
            ClusterDatabases.allowConnections(admin, name, false);
        }
        Set<Integer> ours = new HashSet<>();
        for (Connection c : out) {
            ours.add(c.unwrap(org.postgresql.PGConnection.class).getBackendPID());
        }
        String me = dev.foldout.internal.sql.Jdbc.string(admin, "select current_user::text");
        // Foldout's own connections of this role (a session keeps some open between calls) are not intruders
        List<SessionInfo> others = ClusterDatabases.sessions(admin, name).stream().filter(x -> !ours.contains(x.pid())
                && !(x.user().equals(me) && x.applicationName().equals("foldout"))).toList();
        if (!others.isEmpty()) {
            FoldoutException e = new FoldoutException("merge base \"" + name + "\" was connected to by another session (pid "
                    + others.get(0).pid() + ", user " + others.get(0).user() + ") while Foldout opened it: nobody may use a "
                    + "merge base - end that session, then merge again");
            closeAll(out, e);
            throw e;
        }
        return out;
    }

    /** One connection to {@code name}, opened through {@code admin}; the caller closes it. */
    public static Connection openOne(Session s, Connection admin, String name) throws SQLException {
        return open(s, admin, name, 1).get(0);
    }

    /** Closes every connection, adding failures to {@code cause}. */
    static void closeAll(List<Connection> connections, Exception cause) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
