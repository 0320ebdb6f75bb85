package dev.foldout.internal.catalog;

import dev.foldout.CopyMethod;
import dev.foldout.CopyReport;
import dev.foldout.Lsn;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The snapshots and branches of the catalog, each read together with the database it names (an instance branch,
 * a cluster of its own, is read together with its row in {@code foldout.instances} instead).
 */
public final class RefStore {
    /**
     * Each entry with what PostgreSQL says of it: the database now of that name, and whether the entry's author (stamped
     * by the catalog) could drop that database (a superuser, or a member of its owner role), which a role that made it
     * could. An entry of an instance branch or of its snapshot names no database here: only a superuser writes those.
     */
    private static final String SELECT = "select r.name, r.kind, r.parent, r.backend, r.lsn::text, r.created_at, r.message, "
            + "r.copy_method, r.copy_micros, r.copy_note, r.db_oid::bigint, d.oid::bigint as live_oid, i.name as instance, "
            + "r.author::text as author, pg_get_userbyid(d.datdba)::text as db_owner, "
            + "coalesce(a.rolsuper, false) as author_super, "
            + "coalesce(a.rolsuper or (d.oid is not null and pg_has_role(a.oid, d.datdba, 'MEMBER')), false) as author_may_drop, "
            + BaseStore.COLUMNS + " "
            + "from foldout.refs r left join pg_database d on d.datname = r.name left join foldout.instances i on i.name = r.name "
            + "left join pg_roles a on a.rolname = r.author ";

    private RefStore() {
    }

    /** Records a new snapshot or branch; {@code dbOid} is the OID of the database that holds it. */
    public static void insert(Connection c, RefInfo ref, long dbOid) throws SQLException {
        insert(c, ref, dbOid, 0);
    }

    /** Records a new entry, with the OID its parent database had when it was made (0: unknown). */
    public static void insert(Connection c, RefInfo ref, long dbOid, long parentOid) throws SQLException {
        Jdbc.update(c, "insert into foldout.refs(name, kind, parent, backend, db_oid, lsn, created_at, message, copy_method, "
                        + "copy_micros, copy_note, parent_oid) values (?, ?, ?, ?, ?::bigint::oid, ?::pg_lsn, ?, ?, ?, ?, ?, "
                        + "nullif(?, 0)::bigint::oid)",
                ref.name(), ref.kind().name(), ref.parent(), ref.backend(), dbOid, ref.lsn().toString(),
                java.sql.Timestamp.from(ref.createdAt()), ref.message(), ref.copy().method().name(),
                ref.copy().elapsed().toNanos() / 1000, ref.copy().note(), parentOid);
    }

    /** Removes an entry; returns whether there was one. */
    public static boolean delete(Connection c, String name) throws SQLException {
        return Jdbc.update(c, "delete from foldout.refs where name = ?", name) > 0;
    }

    /** Points an entry at a new database OID (after a restore replaced the database under the same name). */
    public static void updateOid(Connection c, String name, long dbOid) throws SQLException {
        Jdbc.update(c, "update foldout.refs set db_oid = ?::bigint::oid where name = ?", dbOid, name);
    }

    /**
     * Records the first transaction ID given out after branch {@code name} was copied ({@link #nextXid}, read in the
     * source's lock right after the copy): the parent's row versions from then on are its own work, which a two-way
     * diff would undo.
     */
    public static void branchXid(Connection c, String name, long xid) throws SQLException {
        Jdbc.update(c, "update foldout.refs set branch_xid = ?::text::xid8 where name = ?", Long.toString(xid), name);
    }

    /** The first transaction ID not given out yet, as the server that {@code c} is connected to says now. */
    public static long nextXid(Connection c) throws SQLException {
        return Long.parseLong(Jdbc.string(c, "select pg_snapshot_xmax(pg_current_snapshot())::text"));
    }

    /** Records that branch {@code name} was rebuilt from its parent: its new database OID and branch point. */
    public static void rebuilt(Connection c, String name, long dbOid, dev.foldout.Lsn lsn, java.time.Instant at, long parentOid)
            throws SQLException {
        Jdbc.update(c, "update foldout.refs set db_oid = ?::bigint::oid, lsn = ?::pg_lsn, created_at = ?, "
                + "parent_oid = ?::bigint::oid where name = ?", dbOid, lsn.toString(), java.sql.Timestamp.from(at), parentOid, name);
    }

    /** The entry of that name, if any, of either kind. */
    public static Optional<RefInfo> find(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "where r.name = ?", RefStore::map, name);
    }

    /**
     * What a diff of branch {@code name} needs of the catalog, read in one query.
     *
     * @param ref            the entry
     * @param instance       whether it is an instance branch (a cluster of its own)
     * @param parentOid      the OID of the database now named as its parent; 0: there is none
     * @param recordedParent the OID its parent had when the branch was made; 0: not recorded
     * @param branchOid      the OID of the database now named as the branch; 0: there is none
     * @param walEnd         the end of the server's WAL, when every record written is flushed; else empty
     * @param branchXid      the first transaction ID given out after the copy ({@link #branchXid}); empty: not recorded
     */
    public record DiffPoint(RefInfo ref, boolean instance, long parentOid, long recordedParent, long branchOid,
                            Optional<Lsn> walEnd, java.util.OptionalLong branchXid) {
    }

    /** The branch point of entry {@code name} with the OIDs and WAL position a diff starts from; empty if no entry. */
    public static Optional<DiffPoint> diffPoint(Connection c, String name) throws SQLException {
        String sql = SELECT.replace(" from foldout.refs r ", ", p.oid::bigint as parent_live, "
                + "coalesce(r.parent_oid, 0)::bigint as parent_recorded, case when pg_current_wal_insert_lsn() "
                + "= pg_current_wal_flush_lsn() then pg_current_wal_flush_lsn()::text end as wal_end, "
                + "r.branch_xid::text as branch_xid from foldout.refs r ")
                + "left join pg_database p on p.datname = r.parent where r.name = ?";
        return Jdbc.queryOne(c, sql, rs -> new DiffPoint(map(rs), rs.getString("instance") != null, rs.getLong("parent_live"),
                rs.getLong("parent_recorded"), rs.getLong("live_oid"),
                Optional.ofNullable(rs.getString("wal_end")).map(Lsn::parse),
                rs.getString("branch_xid") == null ? java.util.OptionalLong.empty()
                        : java.util.OptionalLong.of(Long.parseLong(rs.getString("branch_xid")))), name);
    }

    /** The entries of a kind, oldest first. */
    public static List<RefInfo> list(Connection c, RefKind kind) throws SQLException {
        return Jdbc.query(c, SELECT + "where r.kind = ? order by r.created_at, r.name", RefStore::map, kind.name());
    }

    /** The names of every entry, of both kinds, with their kind. */
    public static java.util.Map<String, RefKind> kinds(Connection c) throws SQLException {
        java.util.Map<String, RefKind> out = new java.util.HashMap<>();
        for (String[] row : Jdbc.query(c, "select name, kind from foldout.refs", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            out.put(row[0], RefKind.valueOf(row[1]));
        }
        return out;
    }

    /**
     * Why entry {@code name} is no evidence of the database it names, as PostgreSQL shows it now; empty when it is (or
     * when there is no entry, or no such database).
     */
    public static Optional<String> untrusted(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(c, SELECT + "where r.name = ?", rs -> {
            if (map(rs).status() != RefStatus.UNTRUSTED) {
                return "";
            }
            String author = rs.getString("author");
            String who = author == null ? "an unknown role (an entry older than Foldout's record of authors)" : "role '" + author + "'";
            String owner = rs.getString("db_owner");
            return "its catalog entry was written by " + who + ", who " + (owner == null || rs.getLong("db_oid") == 0
                    ? "is not a superuser (only superusers make instance branches)"
                    : "may not drop database \"" + name + "\" (owner '" + owner + "')");
        }, name).filter(w -> !w.isEmpty());
    }

    /** Whether role {@code author} could have copied database {@code database}: a superuser or a member of its owner. */
    public static boolean mayCopy(Connection c, String author, String database) throws SQLException {
        return author != null && Jdbc.queryOne(c, "select a.rolsuper or pg_has_role(a.oid, d.datdba, 'MEMBER') from pg_roles a, "
                + "pg_database d where a.rolname = ? and d.datname = ?", rs -> rs.getBoolean(1), author, database).orElse(false);
    }

    /** Whether this session's role wrote entry {@code name}, may act as the role that did, or is a superuser. */
    public static boolean mayActAsAuthor(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(c, "select r.author = current_user or (select rolsuper from pg_catalog.pg_roles where rolname = "
                + "current_user) or exists (select 1 from pg_catalog.pg_roles a where a.rolname = r.author and "
                + "pg_catalog.pg_has_role(a.oid, 'MEMBER')) from foldout.refs r where r.name = ?",
                rs -> rs.getBoolean(1), name).orElse(false);
    }

    /** The role that wrote entry {@code name}, stamped by the catalog; empty for none or an entry from before authors. */
    public static Optional<String> author(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(c, "select author::text from foldout.refs where name = ?", rs -> rs.getString(1), name)
                .filter(java.util.Objects::nonNull);
    }

    private static RefInfo map(ResultSet rs) throws SQLException {
        long recorded = rs.getLong("db_oid");
        long live = rs.getLong("live_oid");
        RefStatus status = rs.wasNull() ? RefStatus.MISSING : live == recorded ? RefStatus.OK : RefStatus.REPLACED;
        if (rs.getString("instance") != null || recorded == 0) {
            // an instance branch or its snapshot: its files are checked by the instance layer, and only a superuser's
            // entry is one; an entry naming no database OID is never a licence to act on the database of that name
            status = rs.getBoolean("author_super") ? RefStatus.OK : RefStatus.UNTRUSTED;
        } else if (status == RefStatus.OK && !rs.getBoolean("author_may_drop")) {
            status = RefStatus.UNTRUSTED;
        }
        CopyReport copy = new CopyReport(CopyMethod.valueOf(rs.getString("copy_method")),
                Duration.ofNanos(rs.getLong("copy_micros") * 1000), rs.getString("copy_note"));
        return new RefInfo(rs.getString("name"), RefKind.valueOf(rs.getString("kind")), rs.getString("parent"),
                rs.getString("backend"), Lsn.parse(rs.getString(5)), rs.getTimestamp("created_at").toInstant(),
                rs.getString("message"), status, copy, BaseStore.map(rs));
    }
}
