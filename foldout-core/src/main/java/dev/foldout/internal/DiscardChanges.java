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

    /** Whether branch {@code name} was made equal to its parent ({@code false}: nothing was changed). */
    static boolean run(Session s, String name, long maxRows) {
        Optional<RefStore.DiffPoint> found = s.read("reading the catalog", c -> RefStore.diffPoint(c, name));
        if (found.isEmpty() || found.get().instance() || found.get().ref().kind() != RefKind.BRANCH) {
            return false;
        }
        RefStore.DiffPoint point = found.get();
        boolean parentAsMade = point.parentOid() != 0 && (point.recordedParent() == 0
                || point.recordedParent() == point.parentOid());
        if (!BranchDiff.SAME_CLUSTER.contains(point.ref().backend()) || point.ref().status() != RefStatus.OK || !parentAsMade
                || !sessionsGone(s, name) || touchedProperties(s, name)) {
            return false;
        }
        String parent = point.ref().parent();
        if (!noPreparedTransactions(s, name)) {
            return false;
        }
        Rewind.Outcome rewound = Rewind.run(s, new Rewind.Target(name, point.branchOid(), parent, point.parentOid(),
                point.ref().lsn()), maxRows);
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
     * Whether no session is on the branch (one could write while the undo runs, or see it half-done), waiting a moment
     * for those just closed: a backend leaves pg_stat_activity a little after its client closed the connection.
     */
    private static boolean sessionsGone(Session s, String name) {
        long deadline = System.nanoTime() + SESSIONS_WAIT_NANOS;
        while (true) {
            boolean none = s.read("reading branch \"" + name + "\"", c -> Jdbc.queryOne(c, "select not exists (select 1 "
                    + "from pg_catalog.pg_stat_activity a where a.datname = ? and a.pid <> pg_backend_pid())",
                    rs -> rs.getBoolean(1), name).orElse(false));
            if (none || System.nanoTime() > deadline) {
                return none;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Whether no prepared transaction waits on the branch: committed later, its rows would appear after the undo. */
    private static boolean noPreparedTransactions(Session s, String name) {
        return s.read("reading branch \"" + name + "\"", c -> Jdbc.queryOne(c, "select not exists (select 1 from "
                + "pg_catalog.pg_prepared_xacts where database = ?)", rs -> rs.getBoolean(1), name).orElse(false));
    }

    /** Whether the branch's database has settings, grants, a comment or a connection limit, which no diff carries. */
    private static boolean touchedProperties(Session s, String name) {
        return s.read("reading branch \"" + name + "\"", c -> Jdbc.queryOne(c, "select d.datacl is not null or "
                + "d.datconnlimit <> -1 or exists (select 1 from pg_catalog.pg_db_role_setting r where r.setdatabase = "
                + "d.oid) or exists (select 1 from pg_catalog.pg_shdescription x where x.objoid = d.oid and x.classoid = "
                + "'pg_catalog.pg_database'::regclass) from pg_catalog.pg_database d where d.datname = ?",
                rs -> rs.getBoolean(1), name).orElse(true));
    }
}
