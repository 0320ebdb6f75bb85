package dev.foldout.internal.catalog;

import dev.foldout.Identifiers;
import dev.foldout.PermissionDeniedException;
import dev.foldout.internal.Fixes;
import dev.foldout.internal.ServerConnections;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds or creates the catalog database and brings its schema up to date. */
public final class CatalogDatabase {
    /** The catalog database's name. Foldout never writes into the user's databases. */
    public static final String NAME = dev.foldout.Foldout.CATALOG_DATABASE;
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
            java.util.Optional<String> untrusted = CatalogOwner.untrusted(c);
            if (untrusted.isPresent()) {
                throw new PermissionDeniedException("Foldout's catalog " + NAME + " on " + server.address() + " is not Foldout's "
                        + "own: " + untrusted.get() + ", who could forge what Foldout trusts - run " + Fixes.INIT + " as a superuser "
                        + "to give it to role " + CatalogOwner.ROLE);
            }
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

    /**
     * Makes the catalog on first use, only when the role is a superuser: it then belongs to {@link CatalogOwner#ROLE}.
     * An ordinary role's first run refuses, naming {@code foldout init}: had it made the catalog, it would own every
     * check in it.
     */
    private static List<String> create(ServerConnections server) {
        try (Connection c = server.open(bootstrap(server))) {
            if (!CatalogOwner.superuser(c)) {
                String role = Jdbc.string(c, "select current_user::text");
                throw new PermissionDeniedException("Foldout's catalog " + NAME + " does not exist on " + server.address()
                        + " yet, and role '" + role + "' is not a superuser: run " + Fixes.INIT + " once as a superuser (it makes "
                        + "the catalog, owned by role " + CatalogOwner.ROLE + ", which no one logs in as)");
            }
            List<String> done = new ArrayList<>(CatalogOwner.ensureRole(c));
            Jdbc.execute(c, "create database " + Identifiers.quote(NAME) + " owner " + Identifiers.quote(CatalogOwner.ROLE)
                    + " template template0");
            LOG.info("created the catalog database {} on {}, owned by {}", NAME, server.address(), CatalogOwner.ROLE);
            done.add("made the catalog database " + NAME + ", owned by role " + CatalogOwner.ROLE);
            return done;
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return List.of(); // another process created it at the same moment
            }
            throw SqlErrors.translate(e, "creating the catalog database " + NAME, server.address());
        }
    }

    private static String bootstrap(ServerConnections server) {
        return server.url().database().equals(NAME) ? "postgres" : server.url().database();
    }

    /**
     * {@code foldout init}: as a superuser, makes the catalog (and its owner role) if missing, gives everything in it to
     * {@link CatalogOwner#ROLE} and switches the author stamps on again if someone had taken them, and migrates it.
     * Returns one line per thing done.
     */
    public static List<String> init(ServerConnections server) {
        List<String> done = new ArrayList<>();
        try (Connection c = server.open(bootstrap(server))) {
            if (!CatalogOwner.superuser(c)) {
                String role = Jdbc.string(c, "select current_user::text");
                throw new PermissionDeniedException("making or taking over Foldout's catalog needs a superuser, and role '"
                        + role + "' is not one: run " + Fixes.INIT + " as a superuser");
            }
            done.addAll(CatalogOwner.ensureRole(c));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "checking the role for " + Fixes.INIT , server.address());
        }
        Connection c;
        try {
            c = server.open(NAME);
        } catch (dev.foldout.NotFoundException missing) {
            done.addAll(create(server));
            c = server.open(NAME);
        }
        try (Connection catalog = c) {
            done.addAll(CatalogOwner.takeOver(catalog));
            int ran = Migrations.migrate(catalog);
            if (ran > 0) {
                done.add("migrated the catalog to version " + Migrations.latest());
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "taking over the catalog in database " + NAME, server.address());
        }
        if (done.isEmpty()) {
            done.add("the catalog " + NAME + " is Foldout's own (role " + CatalogOwner.ROLE + ") and up to date");
        }
        return done;
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure: the first error is the one reported
        }
    }
}
