package dev.foldout.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Sets connections up for reading a database as one consistent snapshot, as the diff engine and the merge do. */
public final class ReadSnapshots {
    private ReadSnapshots() {
    }

    /**
     * Sets a new connection up for diffs, once: only pg_catalog on the search path, and every transaction read-only
     * REPEATABLE READ. Both are session settings made once, because the driver forgets its prepared statements each
     * time the search path changes: a per-transaction {@code SET LOCAL} made every diff parse and plan its catalog
     * queries again. Closes {@code c} when that fails.
     */
    public static Connection prepared(Connection c) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("set search_path = pg_catalog; " + TextSettings.sessionSql()
                    + "set session characteristics as transaction isolation level repeatable read, read only");
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** {@code c} in a transaction of its own: one consistent snapshot of its database. Closes {@code c} when that fails. */
    public static Connection snapshot(Connection c) throws SQLException {
        try {
            c.setAutoCommit(false);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }
}
