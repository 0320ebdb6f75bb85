package dev.foldout.testing;

import dev.foldout.ConnectionUrl;
import dev.foldout.Foldout;
import dev.foldout.FoldoutConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** Ordinary roles of the test cluster (LOGIN CREATEDB, not superusers), as the users who share a server. */
public final class Roles {
    /** The password every role made here has. */
    public static final String PASSWORD = "pw";

    private Roles() {
    }

    /** Makes a role {@code prefix_<pid>_<n>} with LOGIN CREATEDB and returns its name. */
    public static String create(String prefix) {
        String role = TestPostgres.uniqueName(prefix);
        TestPostgres.exec("postgres", "create role " + role + " login createdb password '" + PASSWORD + "'");
        return role;
    }

    /**
     * Makes a database named from {@code prefix} holding table {@code t(id, v)} with {@code rows} rows, both owned by
     * {@code role}, and returns its name.
     */
    public static String ownedDatabase(String role, String prefix, int rows) {
        String db = TestPostgres.uniqueName(prefix);
        TestFoldout.seed(db, rows);
        TestPostgres.exec("postgres", "alter database " + db + " owner to " + role);
        TestPostgres.exec(db, "alter table t owner to " + role);
        return db;
    }

    /** Drops a role and what it owns or was granted, best effort. */
    public static void dropQuietly(String... roles) {
        for (String role : roles) {
            for (String db : new String[] {"foldout_catalog", "postgres"}) {
                try {
                    TestPostgres.exec(db, "drop owned by " + role);
                } catch (RuntimeException ignored) {
                    // best effort clean-up
                }
            }
            try {
                TestPostgres.exec("postgres", "drop role if exists " + role);
            } catch (RuntimeException ignored) {
                // a database it still owns keeps it: the test's own clean-up drops those first
            }
        }
    }

    /** Where {@code role} connects to {@code database}. */
    public static ConnectionUrl url(String role, String database) {
        ConnectionUrl su = TestPostgres.url(database);
        return new ConnectionUrl(su.host(), su.port(), database, role, PASSWORD, su.params());
    }

    /** A Foldout session of {@code role} whose default database is {@code database}. */
    public static Foldout foldout(String role, String database) {
        return Foldout.connect(FoldoutConfig.builder().url(url(role, database)).terminateTimeout(Duration.ofSeconds(5)).build());
    }

    /** A plain connection of {@code role} to {@code database}; the caller closes it. */
    public static Connection connect(String role, String database) throws SQLException {
        return DriverManager.getConnection(url(role, database).jdbcUrl(), role, PASSWORD);
    }
}
