package dev.foldout.internal.cluster;

import dev.foldout.Lsn;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.spi.CutSnapshot;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code foldout.instances}. A row in state CREATING or DELETING names its owner by the catalog
 * session that runs the operation; a row whose owner session is gone was left by a dead process.
 */
final class InstanceStore {
    private static final String COLUMNS = "i.name, i.backend, i.state, i.parent, i.parent_branch, i.database, i.location, "
            + "i.data_dir, i.binaries, i.os_account, i.listen_address, i.port, i.cut_lsn::text, i.created_at, i.author::text, "
            + "coalesce((select r.rolsuper from pg_roles r where r.rolname = i.author), false)";

    private InstanceStore() {
    }

    /** Records a planned branch, owned by the session of {@code owner}. */
    static void insertPlanned(Connection owner, InstanceRow r) throws SQLException {
        Jdbc.update(owner, "insert into foldout.instances(name, backend, state, parent, parent_branch, database, location, "
                        + "data_dir, binaries, os_account, listen_address, port, owner_pid, owner_started) "
                        + "select ?, ?, 'CREATING', ?, ?, ?, ?, ?, ?, ?, ?, ?, pid, backend_start from pg_stat_activity "
                        + "where pid = pg_backend_pid()",
                r.name(), r.backend(), r.parent(), r.parentBranch(), r.database(), r.location(),
                r.dataDir() == null ? null : r.dataDir().toString(),
                r.binaries().toString(), r.osAccount(), r.listenAddress(), r.port());
    }

    /** Records the copy's data directory, cut LSN, and the transactions at the cut when the backend took them. */
    static void recordCopy(Connection c, String name, Path dataDir, Lsn lsn, Optional<CutSnapshot> xids) throws SQLException {
        // a range as text, not int8range(?, ?): that makes the unbounded range of two nulls
        Jdbc.update(c, "update foldout.instances set data_dir = ?, cut_lsn = ?::pg_lsn, cut_xids = ?::int8range where name = ?",
                dataDir.toString(), lsn.toString(), xids.map(x -> "[" + x.xmin() + "," + x.next() + ")").orElse(null), name);
    }

    /**
     * The transactions at the cut of instance branch {@code name}, when its row records them. The server stores
     * {@code [x,x)} as the empty range, which keeps no bound: read back as {@code [0,0)}, as empty.
     */
    static Optional<CutSnapshot> cutSnapshot(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(c, "select coalesce(lower(cut_xids), 0), coalesce(upper(cut_xids), 0) from foldout.instances "
                + "where name = ? and cut_xids is not null", rs -> new CutSnapshot(rs.getLong(1), rs.getLong(2)), name);
    }

    /** Moves a row to another port. */
    static void updatePort(Connection c, String name, int port) throws SQLException {
        Jdbc.update(c, "update foldout.instances set port = ? where name = ?", port, name);
    }

    /** Renames a row (its storage keeps its location). */
    static void rename(Connection c, String from, String to) throws SQLException {
        Jdbc.update(c, "update foldout.instances set name = ? where name = ?", to, from);
    }

    /** Marks a row READY, owned by nobody. */
    static void markReady(Connection c, String name) throws SQLException {
        Jdbc.update(c, "update foldout.instances set state = 'READY', owner_pid = null, owner_started = null where name = ?", name);
    }

    /** Marks a row DELETING, owned by the session of {@code owner}. */
    static void markDeleting(Connection owner, String name) throws SQLException {
        Jdbc.update(owner, "update foldout.instances i set state = 'DELETING', owner_pid = a.pid, owner_started = a.backend_start "
                + "from pg_stat_activity a where a.pid = pg_backend_pid() and i.name = ?", name);
    }

    /** Removes a row. */
    static void delete(Connection c, String name) throws SQLException {
        Jdbc.update(c, "delete from foldout.instances where name = ?", name);
    }

    static Optional<InstanceRow> find(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(c, "select " + COLUMNS + " from foldout.instances i where i.name = ?", InstanceStore::map, name);
    }

    /** Every row, oldest first. */
    static List<InstanceRow> all(Connection c) throws SQLException {
        return Jdbc.query(c, "select " + COLUMNS + " from foldout.instances i order by i.created_at, i.name", InstanceStore::map);
    }

    /** The branches made from instance branch {@code name}. */
    static List<String> children(Connection c, String name) throws SQLException {
        return Jdbc.query(c, "select name from foldout.instances where parent_branch = ? order by created_at", rs -> rs.getString(1), name);
    }

    /** The branches made from snapshot {@code snapshot} of an instance branch. */
    static List<String> madeFrom(Connection c, String snapshot) throws SQLException {
        return Jdbc.query(c, "select name from foldout.instances where parent = ? order by created_at", rs -> rs.getString(1), snapshot);
    }

    /** Every port a row holds. */
    static List<Integer> ports(Connection c) throws SQLException {
        return Jdbc.query(c, "select port from foldout.instances", rs -> rs.getInt(1));
    }

    /** Rows in CREATING or DELETING whose owner session is gone, newest first (children before parents). */
    static List<InstanceRow> orphans(Connection c) throws SQLException {
        return Jdbc.query(c, "select " + COLUMNS + " from foldout.instances i where i.state <> 'READY' and not exists "
                + "(select 1 from pg_stat_activity a where a.pid = i.owner_pid and a.backend_start = i.owner_started) "
                + "order by i.created_at desc, i.name desc", InstanceStore::map);
    }

    /** Whether a live process owns the row (it is being made or deleted right now). */
    static boolean ownedByLiveSession(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(c, "select exists (select 1 from foldout.instances i join pg_stat_activity a on a.pid = i.owner_pid "
                + "and a.backend_start = i.owner_started where i.name = ?)", rs -> rs.getBoolean(1), name).orElse(false);
    }

    private static InstanceRow map(ResultSet rs) throws SQLException {
        String lsn = rs.getString(13);
        String dataDir = rs.getString(8);
        return new InstanceRow(rs.getString(1), rs.getString(2), InstanceRow.State.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), dataDir == null ? null : Path.of(dataDir), Path.of(rs.getString(9)),
                rs.getString(10), rs.getString(11), rs.getInt(12), lsn == null ? null : Lsn.parse(lsn),
                rs.getTimestamp(14).toInstant(), rs.getString(15), rs.getBoolean(16));
    }
}
