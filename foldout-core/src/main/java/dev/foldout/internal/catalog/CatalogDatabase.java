package dev.foldout.internal.catalog;

import dev.foldout.PermissionDeniedException;
import dev.foldout.internal.ServerConnections;
import dev.foldout.internal.sql.Identifiers;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds or creates the catalog database and brings its schema up to date. */
public final class CatalogDatabase {
    /** The catalog database's name. Foldout never writes into the user's databases. */
    public static final String NAME = "foldout_catalog";
    private static final Logger LOG = LoggerFactory.getLogger(CatalogDatabase.class);

    private CatalogDatabase() {
    }

    /** A connection to the catalog database, created and migrated if needed. The caller closes it. */
    public static Connection open(ServerConnections server) {
        Connection c;
        try {
            c = server.open(NAME);
        } catch (dev.foldout.NotFoundException missing) {
            create(server);
            c = server.open(NAME);
        }
        try {
            int ran = Migrations.migrate(c);
            if (ran > 0) {
                LOG.info("catalog {} on {} migrated to version {}", NAME, server.address(), Migrations.latest());
            }
            return c;
        } catch (SQLException e) {
            close(c);
            throw SqlErrors.translate(e, "preparing the catalog in database " + NAME, server.address());
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    private static void create(ServerConnections server) {
        String bootstrap = server.url().database().equals(NAME) ? "postgres" : server.url().database();
        try (Connection c = server.open(bootstrap)) {
            Jdbc.execute(c, "create database " + Identifiers.quote(NAME) + " template template0");
            LOG.info("created the catalog database {} on {}", NAME, server.address());
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // another process created it at the same moment
            }
            if ("42501".equals(e.getSQLState())) {
                throw new PermissionDeniedException("role '" + server.url().user() + "' lacks CREATEDB, which Foldout needs "
                        + "to create its catalog database " + NAME + " and every snapshot and branch: run "
                        + "ALTER ROLE ... CREATEDB as a superuser", e);
            }
            throw SqlErrors.translate(e, "creating the catalog database " + NAME, server.address());
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure: the first error is the one reported
        }
    }
}
