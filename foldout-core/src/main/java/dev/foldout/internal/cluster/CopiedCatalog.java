package dev.foldout.internal.cluster;

import dev.foldout.internal.catalog.CatalogDatabase;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.Transactions;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The Foldout catalog inside a new instance branch is a copy of its parent's, including the parent's instance
 * branches — whose servers and files belong to the parent, and among them the new branch's own CREATING row. Left
 * there, a Foldout connected to the branch would list them, and its repair would destroy them (the branch itself
 * first). They are removed before the branch is recorded; the database snapshots and branches of the copy, which
 * the copied cluster really holds, stay.
 */
final class CopiedCatalog {
    private CopiedCatalog() {
    }

    /** Removes the parent's instance branches from the catalog of the branch served at {@code branch}. */
    static void clearInstances(Connection branch) throws SQLException {
        boolean hasTable = Jdbc.queryOne(branch, "select to_regclass('foldout.instances') is not null", rs -> rs.getBoolean(1))
                .orElse(false);
        if (!hasTable) {
            return;
        }
        Transactions.inTransaction(branch, tx -> {
            // instance branches and their snapshots (db_oid 0: no database of this cluster holds them)
            Jdbc.update(tx, "delete from foldout.refs where db_oid = 0 or name in (select name from foldout.instances)");
            Jdbc.update(tx, "delete from foldout.instances");
        });
    }

    /** The catalog database's name, to connect to it in the branch. */
    static String database() {
        return CatalogDatabase.NAME;
    }
}
