package dev.foldout.internal;

import static dev.foldout.internal.sql.ReadSnapshots.prepared;
import static dev.foldout.internal.sql.ReadSnapshots.snapshot;

import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.NotFoundException;
import dev.foldout.internal.ops.ClusterDatabases;
import java.util.Optional;

/** The diff between two databases of the server, compared in full. */
final class DatabasesDiff {
    private DatabasesDiff() {
    }

    /** The diff that makes {@code right} look like {@code left}, compared in full. */
    static Diff between(Session s, String left, String right, DiffOptions options, Appendable out, DiffFormat format) {
        Repairs.beforeRead(s);
        for (String name : new String[] {left, right}) {
            Names.requireLookup("database", name);
            s.read("finding database \"" + name + "\"", c -> ClusterDatabases.find(c, name).orElseThrow(() ->
                    new NotFoundException("no database named \"" + name + "\" - " + Fixes.DATABASES + " shows them")));
            Connectable.require(s, name);
        }
        return DiffRun.run(s, right, left, () -> snapshot(s.borrow("diff:" + right, () -> prepared(s.connections().open(right)))),
                () -> snapshot(s.borrow("diff:" + left, () -> prepared(s.connections().open(left)))),
                Optional.empty(), Optional.empty(), "", options, out, format);
    }
}
