package dev.foldout.internal;

import dev.foldout.FoldoutException;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.internal.catalog.Journal;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.ops.ClusterDatabases;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before a diff connects to a database of this cluster, that it accepts connections, and when it does not
 * says why in one line with what to do: a snapshot (never connectable), a Foldout operation running on it, one that
 * died there and which role's {@code foldout status} repairs it, or a switch someone turned off.
 */
final class Connectable {
    private Connectable() {
    }

    /** Throws when branch {@code branch} or its parent {@code parent}, databases of this cluster, accept no connections. */
    static void requireBranch(Session s, String branch, String parent) {
        Optional<RefInfo> snapshot = s.read("reading the catalog", c -> RefStore.find(c, parent))
                .filter(r -> r.kind() == RefKind.SNAPSHOT);
        if (snapshot.isPresent()) {
            throw new FoldoutException("branch \"" + branch + "\" was made from snapshot \"" + parent + "\", which accepts no "
                    + "connections: compare the branch with a database instead, e.g. " + Fixes.diffWith(branch, snapshot.get().parent()));
        }
        require(s, parent);
        require(s, branch);
    }

    /** Throws when database {@code name} (which exists) accepts no connections. */
    static void require(Session s, String name) {
        String why = s.read("checking database \"" + name + "\"", c -> {
            Optional<ClusterDatabases.Row> row = ClusterDatabases.find(c, name);
            if (row.isEmpty() || row.get().allowConnections()) {
                return "";
            }
            Optional<RefInfo> ref = RefStore.find(c, name);
            if (ref.isPresent() && ref.get().kind() == RefKind.SNAPSHOT) {
                return "database \"" + name + "\" is a snapshot, which accepts no connections: branch it (" + Fixes.branchOfSnapshot(name)
                        + ") and compare the branch";
            }
            List<Long> live = Journal.liveOwnersOf(c, name);
            if (!live.isEmpty()) {
                return "database \"" + name + "\" is closed to connections by a Foldout operation that is running (catalog "
                        + "session pid " + live.get(0) + "): wait for it to finish and run again";
            }
            List<String> dead = Journal.orphanAuthorsOf(c, name);
            if (!dead.isEmpty()) {
                return "database \"" + name + "\" refuses connections: a Foldout operation of role '" + dead.get(0)
                        + "' died while it held it - " + Fixes.REPAIR + " run as '" + dead.get(0) + "' or a superuser repairs it";
            }
            return "database \"" + name + "\" refuses connections (its ALLOW_CONNECTIONS is off, and no Foldout operation "
                    + "holds it): run ALTER DATABASE " + dev.foldout.Identifiers.quote(name)
                    + " ALLOW_CONNECTIONS true as its owner, then run again";
        });
        if (!why.isEmpty()) {
            throw new FoldoutException(why);
        }
    }
}
