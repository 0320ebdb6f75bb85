package dev.foldout.internal.catalog;

import dev.foldout.CopyMethod;
import dev.foldout.CopyReport;
import dev.foldout.Lsn;
import dev.foldout.MergeBase;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The merge bases of branches, kept in their {@code foldout.refs} rows. A base is only trusted while the database of
 * its name still has the OID recorded when Foldout made it.
 */
public final class BaseStore {
    /**
     * What makes a recorded base evidence (issue 13): its name is one Foldout gives bases, and the entry's author (stamped
     * by the catalog) could drop the database of that name — else any role could name another's database as its
     * branch's base, and have it dropped with the branch by its owner or a superuser.
     */
    private static final String TRUSTED = "starts_with(r.base_name, 'foldout_base_') and exists (select 1 "
            + "from pg_roles a, pg_database b where a.rolname = r.author and b.datname = r.base_name "
            + "and (a.rolsuper or pg_has_role(a.oid, b.datdba, 'MEMBER')))";

    /**
     * What makes a recorded base an instance branch's: a snapshot of the branch's own storage, whose name Foldout gives
     * such bases, recorded by a superuser (the only role that makes, merges or deletes instance branches).
     */
    private static final String INSTANCE_TRUSTED = "starts_with(r.base_name, 'foldout_ibase_') and exists (select 1 "
            + "from pg_roles x where x.rolname = r.author and x.rolsuper)";

    /** The base's columns, as {@link RefStore}'s query selects them. */
    static final String COLUMNS = "r.base_name, r.base_oid::bigint as base_oid, r.base_lsn::text as base_lsn, "
            + "r.base_quiet, r.base_xmin, r.base_next, r.base_layout, r.base_copy_method, r.base_copy_micros, r.base_copy_note, "
            + "(select b.oid::bigint from pg_database b where b.datname = r.base_name) as base_live, "
            + "coalesce(" + BaseStore.TRUSTED + ", false) as base_trusted, "
            + "coalesce(" + BaseStore.INSTANCE_TRUSTED + ", false) as base_instance";

    /** The prefix of every base's database name. */
    public static final String PREFIX = "foldout_base_";
    /** The prefix of every instance branch's base snapshot name. */
    public static final String INSTANCE_PREFIX = "foldout_ibase_";

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private BaseStore() {
    }

    /**
     * A fresh name under {@code prefix} (a base's, an instance base's, a merge's base server's): the prefix and 64
     * random bits in hexadecimal, far below PostgreSQL's 63-byte limit.
     */
    public static String newName(String prefix) {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return prefix + java.util.HexFormat.of().formatHex(b);
    }

    /**
     * A base as a merge needs it.
     *
     * @param info  what the API shows
     * @param oid   the OID recorded when it was made
     * @param quiet the moment both sides were still closed to sessions, past its copy
     */
    public record Base(MergeBase info, long oid, Instant quiet) {
    }

    /**
     * An instance branch's base as a merge needs it: a snapshot of the branch's storage.
     *
     * @param info  what the API shows; its LSN is the branch's WAL position the snapshot was cut at
     * @param quiet an instant before the snapshot: no page the branch wrote past the LSN reached a file earlier
     * @param xids  the branch's transactions that may have ended differently in the snapshot and in the branch; empty
     *              when not recorded (a base kept by an earlier Foldout)
     */
    public record InstanceBase(MergeBase info, Instant quiet, Optional<dev.foldout.spi.CutSnapshot> xids) {
    }


    /** The base of branch {@code branch}, if it has one whose database is still the one recorded, and trusted. */
    public static Optional<Base> find(Connection c, String branch) throws SQLException {
        return Jdbc.queryOne(c, "select " + COLUMNS + " from foldout.refs r where r.name = ? and r.base_name is not null "
                        + "and " + TRUSTED,
                rs -> {
                    Optional<MergeBase> info = map(rs);
                    if (info.isEmpty()) {
                        return Optional.<Base>empty();
                    }
                    return Optional.of(new Base(info.get(), rs.getLong("base_oid"), rs.getTimestamp("base_quiet").toInstant()));
                }, branch).flatMap(b -> b);
    }

    /** The base snapshot of instance branch {@code branch}, if its entry records one it may be trusted with. */
    public static Optional<InstanceBase> findInstance(Connection c, String branch) throws SQLException {
        return Jdbc.queryOne(c, "select " + COLUMNS + " from foldout.refs r where r.name = ?", rs -> {
            Optional<MergeBase> info = map(rs).filter(b -> b.database().startsWith(INSTANCE_PREFIX));
            long xmin = rs.getLong("base_xmin");
            boolean recorded = !rs.wasNull();
            long next = rs.getLong("base_next");
            recorded &= !rs.wasNull() && xmin <= next;
            Optional<dev.foldout.spi.CutSnapshot> xids = recorded ? Optional.of(new dev.foldout.spi.CutSnapshot(xmin, next))
                    : Optional.empty();
            Instant quiet = rs.getTimestamp("base_quiet").toInstant();
            return info.map(i -> new InstanceBase(i, quiet, xids));
        }, branch).flatMap(b -> b);
    }

    /** Records snapshot {@code base} as instance branch {@code branch}'s base (replacing any earlier one). */
    public static void setInstance(Connection c, String branch, InstanceBase base) throws SQLException {
        set(c, branch, base.info(), 0, base.quiet(), base.xids().map(x -> (Object) x.xmin()).orElse(null),
                base.xids().map(x -> (Object) x.next()).orElse(null));
    }

    /** Whether branch {@code branch}'s entry names a base at all (trusted or not). */
    public static Optional<String> recordedName(Connection c, String branch) throws SQLException {
        return Jdbc.queryOne(c, "select base_name from foldout.refs where name = ?", rs -> Optional.ofNullable(rs.getString(1)),
                branch).flatMap(o -> o);
    }

    /** Records {@code base} as branch {@code branch}'s base (replacing any earlier one). */
    public static void set(Connection c, String branch, MergeBase base, long oid, Instant quiet) throws SQLException {
        set(c, branch, base, oid, quiet, null, null);
    }

    /** Records {@code base}, and for an instance base the transactions its snapshot may hold differently (else null). */
    private static void set(Connection c, String branch, MergeBase base, long oid, Instant quiet, Object xmin, Object next)
            throws SQLException {
        Jdbc.update(c, "update foldout.refs set base_name = ?, base_oid = ?::bigint::oid, base_lsn = ?::pg_lsn, "
                        + "base_quiet = ?, base_xmin = ?::bigint, base_next = ?::bigint, base_layout = ?, base_copy_method = ?, "
                        + "base_copy_micros = ?, base_copy_note = ? where name = ?",
                base.database(), oid, base.lsn().toString(), java.sql.Timestamp.from(quiet), xmin, next, base.layout().name(),
                base.copy().method().name(), base.copy().elapsed().toNanos() / 1000, base.copy().note(), branch);
    }

    /**
     * Every base database name the catalog records, trusted or not: never listed as a user database. Only names Foldout
     * gives bases: an entry cannot hide another database from the lists.
     */
    public static List<String> names(Connection c) throws SQLException {
        return Jdbc.query(c, "select base_name from foldout.refs where starts_with(base_name, '" + PREFIX + "')",
                rs -> rs.getString(1));
    }

    /** Whether {@code database} is recorded as some branch's base. */
    public static boolean isBase(Connection c, String database) throws SQLException {
        return Jdbc.queryOne(c, "select 1 from foldout.refs where base_name = ? and starts_with(base_name, '" + PREFIX + "')",
                rs -> true, database).orElse(false);
    }

    /** The base read from {@link RefStore}'s row, when one is recorded and its database is still the one made. */
    static Optional<MergeBase> map(ResultSet rs) throws SQLException {
        String name = rs.getString("base_name");
        long recorded = rs.getLong("base_oid");
        long live = rs.getLong("base_live");
        boolean gone = rs.wasNull();
        boolean instance = rs.getBoolean("base_instance");
        if (name == null || !instance && (gone || live != recorded || !rs.getBoolean("base_trusted"))) {
            return Optional.empty();
        }
        CopyReport copy = new CopyReport(CopyMethod.valueOf(rs.getString("base_copy_method")),
                Duration.ofNanos(rs.getLong("base_copy_micros") * 1000), rs.getString("base_copy_note"));
        return Optional.of(new MergeBase(name, Lsn.parse(rs.getString("base_lsn")),
                MergeBase.Layout.valueOf(rs.getString("base_layout")), copy));
    }
}
