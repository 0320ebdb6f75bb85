package dev.foldout.internal.catalog;

import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Operations in flight. A row names its owner by the catalog session that runs it (backend pid and start
 * time); a row whose owner session is gone belongs to a dead process and is repaired by the next call.
 */
public final class Journal {
    private Journal() {
    }

    /** Records an operation owned by the session of {@code owner}; returns it with its id. */
    public static Operation begin(Connection owner, Operation op) throws SQLException {
        long id = Long.parseLong(Jdbc.string(owner,
                "insert into foldout.operations(kind, source, target, temp_name, prev_name, source_allowed, target_allowed, "
                        + "owner_pid, owner_started) select ?, ?, ?, ?, ?, ?, ?, pid, backend_start from pg_stat_activity "
                        + "where pid = pg_backend_pid() returning id::text",
                op.kind().name(), op.source(), op.target(), op.tempName(), op.prevName(), op.sourceAllowed(), op.targetAllowed()));
        return new Operation(id, op.kind(), op.source(), op.target(), op.tempName(), op.prevName(), op.sourceAllowed(),
                op.targetAllowed());
    }

    /** Removes a finished (or repaired) operation. */
    public static void finish(Connection c, long id) throws SQLException {
        Jdbc.update(c, "delete from foldout.operations where id = ?", id);
    }

    /**
     * Whether the owner session of row {@code o} is alive. A role that may not see another role's sessions in full
     * reads their {@code backend_start} as null: a session of the owner's pid that it cannot see is taken as the owner,
     * so that no one repairs (drops the copy of) an operation that is still running.
     */
    private static final String OWNER_ALIVE = "exists (select 1 from pg_stat_activity a where a.pid = o.owner_pid "
            + "and (a.backend_start = o.owner_started or a.backend_start is null))";

    /** Operations whose owner session no longer exists: their process died half-way. */
    public static List<Operation> orphans(Connection c) throws SQLException {
        return Jdbc.query(c, "select id, kind, source, target, temp_name, prev_name, source_allowed, target_allowed "
                + "from foldout.operations o where not " + OWNER_ALIVE + " order by id", Journal::map);
    }

    /** Whether a dead process left an operation that {@link #orphans} lists and the database repair handles. */
    public static boolean hasOrphans(Connection c) throws SQLException {
        return Jdbc.queryOne(c, "select exists (select 1 from foldout.operations o where o.kind not in ('INSTANCE_SNAPSHOT', 'INSTANCE_REBUILD') "
                + "and not " + OWNER_ALIVE + ")", rs -> rs.getBoolean(1)).orElse(false);
    }

    /** The authors of operations a dead process left on {@code database} (as source or target). */
    public static List<String> orphanAuthorsOf(Connection c, String database) throws SQLException {
        return Jdbc.query(c, "select distinct author::text from foldout.operations o where (source = ? or target = ?) "
                + "and not " + OWNER_ALIVE, rs -> rs.getString(1), database, database);
    }

    /** The role that last wrote operation {@code id} (stamped by the catalog, not given by the writer). */
    public static java.util.Optional<String> author(Connection c, long id) throws SQLException {
        return Jdbc.queryOne(c, "select author::text from foldout.operations where id = ?", rs -> rs.getString(1), id);
    }

    /** Operations in flight whose owner is alive and that lock {@code database} (as source or target). */
    public static List<Long> liveOwnersOf(Connection c, String database) throws SQLException {
        return Jdbc.query(c, "select owner_pid::bigint from foldout.operations o where (source = ? or target = ?) and "
                + OWNER_ALIVE, rs -> rs.getLong(1), database, database);
    }

    private static Operation map(ResultSet rs) throws SQLException {
        return new Operation(rs.getLong(1), Operation.Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), (Boolean) rs.getObject(7), (Boolean) rs.getObject(8));
    }
}
