package dev.foldout.internal;

import static dev.foldout.internal.sql.ReadSnapshots.prepared;
import static dev.foldout.internal.sql.ReadSnapshots.snapshot;

import dev.foldout.ApplyOptions;
import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.Locator;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.diff.Applier;
import dev.foldout.internal.diff.DiffRequest;
import dev.foldout.internal.diff.output.DiffFile;
import dev.foldout.internal.rewind.Rewind;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.SqlErrors;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Makes a branch equal to its parent again in place, by undoing what changed on it since it was made: the diff that
 * makes the branch look like its parent, located as a branch's diff is (with WAL summaries: the blocks the branch wrote
 * since its branch point), applied to the branch in one transaction with its triggers off. Only rows: when the schema changed,
 * too many rows did, the diff lists what it cannot carry, or the database's own properties (settings, grants,
 * comment) were touched, nothing is changed and the caller makes a fresh copy instead. The parent must not change
 * meanwhile (a test seed never does): its own writes would be copied into the branch.
 */
final class DiscardChanges {
    private static final long SESSIONS_WAIT_NANOS = 1_000_000_000L;

    private DiscardChanges() {
    }

    /**
     * Whether branch {@code name} was made equal to its parent ({@code false}: nothing was changed); {@code kept}, when
     * not null, is an open session on the branch to undo through, and the one session allowed on it.
     */
    static boolean run(Session s, String name, long maxRows, Connection kept) {
        Optional<RefStore.DiffPoint> found = s.read("reading the catalog", c -> RefStore.diffPoint(c, name));
        if (found.isEmpty() || found.get().instance() || found.get().ref().kind() != RefKind.BRANCH) {
            return false;
        }
        RefStore.DiffPoint point = found.get();
        boolean parentAsMade = point.parentOid() != 0 && (point.recordedParent() == 0
                || point.recordedParent() == point.parentOid());
        if (!BranchDiff.SAME_CLUSTER.contains(point.ref().backend()) || point.ref().status() != RefStatus.OK || !parentAsMade
                || !alone(s, name, keptPid(s, kept))) {
            return false;
        }
        String parent = point.ref().parent();
        Rewind.Outcome rewound = Rewind.run(s, new Rewind.Target(name, point.branchOid(), parent, point.parentOid(),
                point.ref().lsn()), maxRows, kept);
        if (rewound != Rewind.Outcome.UNAVAILABLE) {
            return rewound == Rewind.Outcome.DONE;
        }
        // the parent's own writes are none: no transaction ID, so nothing is counted as the parent's work to keep
        DiffRequest.Base start = new DiffRequest.Base(point.ref().lsn(), point.ref().createdAt());
        StringBuilder sql = new StringBuilder();
        Diff undo = DiffRun.run(s, name, parent, () -> snapshot(prepared(s.connections().open(name))),
                // not a kept connection: a session left on the parent would stop the next copy of it (a template)
                () -> snapshot(prepared(s.connections().open(parent))),
                Optional.of(start), Optional.empty(), "", new DiffOptions(Locator.AUTO, false), sql,
                DiffFormat.SQL, (from, to, sink) -> sink);
        long rows = undo.tables().stream().mapToLong(t -> t.inserts() + t.updates() + t.deletes()).sum();
        // a sequence's position is a row of data here (setval), any other schema change is not undone in place
        boolean schema = undo.schemaChanges().stream().anyMatch(c -> !c.kind().equals("sequence")
                || !c.statements().stream().allMatch(st -> st.startsWith("SELECT pg_catalog.setval(")));
        if (schema || !undo.unsupported().isEmpty() || rows > maxRows) {
            return false;
        }
        if (undo.isEmpty()) {
            return true;
        }
        try (Connection c = s.connections().open(name)) {
            Applier.apply(c, name, DiffFile.read(new StringReader(sql.toString()), "undoing branch \"" + name + "\""),
                    ApplyOptions.DEFAULTS);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "undoing the changes of branch \"" + name + "\"", s.connections().address());
        }
        return true;
    }

    /**
     * Whether the branch is alone and plain: no session but the kept one is on it (one could write while the undo runs,
     * or see it half-done), no prepared transaction waits on it (committed later, its rows would appear after the undo),
     * and the database has no settings, grants, comment or connection limit of its own (no diff carries them). Sessions
     * just closed are waited for a moment: a backend leaves pg_stat_activity a little after its client closed.
     */
    private static boolean alone(Session s, String name, int keptPid) {
        long deadline = System.nanoTime() + SESSIONS_WAIT_NANOS;
        while (true) {
            int[] found = s.read("reading branch \"" + name + "\"", c -> Jdbc.queryOne(c, "select (select count(*) from "
                    + "pg_catalog.pg_stat_activity a where a.datname = d.datname and a.pid <> pg_backend_pid() "
                    + "and a.pid <> ?)::int, (exists (select 1 from pg_catalog.pg_prepared_xacts x where x.database = "
                    + "d.datname) or d.datacl is not null or d.datconnlimit <> -1 or exists (select 1 from "
                    + "pg_catalog.pg_db_role_setting r where r.setdatabase = d.oid) or exists (select 1 from "
                    + "pg_catalog.pg_shdescription x where x.objoid = d.oid and x.classoid = "
                    + "'pg_catalog.pg_database'::regclass))::int from pg_catalog.pg_database d where d.datname = ?",
                    rs -> new int[] {rs.getInt(1), rs.getInt(2)}, keptPid, name).orElse(new int[] {1, 1}));
            if (found[1] != 0) {
                return false;
            }
            if (found[0] == 0) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The server process of {@code kept}, else 0 (none). */
    private static int keptPid(Session s, Connection kept) {
        if (kept == null) {
            return 0;
        }
        try {
            if (kept.isWrapperFor(org.postgresql.PGConnection.class)) {
                return kept.unwrap(org.postgresql.PGConnection.class).getBackendPID(); // known to the driver: no round trip
            }
            return Integer.parseInt(Jdbc.string(kept, "select pg_backend_pid()"));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the process of the session kept on the branch", s.connections().address());
        }
    }
}
