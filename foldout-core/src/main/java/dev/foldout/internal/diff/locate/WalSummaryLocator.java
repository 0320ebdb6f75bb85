package dev.foldout.internal.diff.locate;

import dev.foldout.Lsn;
import dev.foldout.internal.diff.rows.Leaf;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.WalFlush;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds changed blocks in the WAL summaries (PostgreSQL 17+, {@code summarize_wal = on}): plain SQL, no file
 * access. Summaries end at checkpoints, so the WAL written since the last summarized one is read with
 * pg_walinspect's {@code pg_get_wal_block_info} (installed in Foldout's catalog database, never in a user's);
 * without pg_walinspect, or when that tail is long, a CHECKPOINT is taken and the summarizer waited for.
 */
public final class WalSummaryLocator implements ChangeLocator {
    /** Past this much unsummarized WAL, a CHECKPOINT and a wait are cheaper than reading it. */
    private static final long MAX_TAIL_BYTES = 64L << 20;
    /**
     * A quiet check reads a range this short whole with pg_walinspect (about 0.1 s at most), summarized or not; a
     * longer one reads the summaries, which count hint-bit page images as writes, and only the tail.
     */
    private static final long WHOLE_READ_BYTES = 8L << 20;
    private static final long WAIT_MILLIS = 30_000;
    /** How long the WAL writer is given to flush commits left unflushed (synchronous_commit off): it runs every 200 ms. */
    private static final long FLUSH_WAIT_NANOS = 2_000_000_000L;
    private static final String SUMMARIZED = "select summarized_lsn::text from pg_get_wal_summarizer_state()";
    private static final String SUMMARY_BLOCKS = "select w.reldatabase, w.relfilenode, w.relblocknumber "
            + "from pg_available_wal_summaries() s, lateral pg_wal_summary_contents(s.tli, s.start_lsn, s.end_lsn) w "
            + "where s.end_lsn > ?::pg_lsn and w.reldatabase = any(?::oid[]) and w.relforknumber = 0 "
            + "and w.relfilenode = any(?::oid[]) and not w.is_limit_block";
    /**
     * Records of the WAL tail that change no row: a page image logged only because hint bits were set on it (with
     * data checksums on, PostgreSQL 18's default, the first read of new rows after a checkpoint writes one).
     */
    private static final String NOT_HINTS = "not (resource_manager = 'XLOG' and record_type = 'FPI_FOR_HINT')";
    private static final String TAIL_BLOCKS = "select reldatabase, relfilenode, relblocknumber "
            + "from pg_get_wal_block_info(?::pg_lsn, ?::pg_lsn, false) where reldatabase = any(?::oid[]) and relforknumber = 0 "
            + "and relfilenode = any(?::oid[]) and " + NOT_HINTS;

    @Override
    public String name() {
        return "wal-summaries";
    }

    /** What one query tells of the server's WAL, read by {@link #unavailable} and used by {@link #locate}. */
    private String[] state;

    /**
     * What the connected role may do, read before anything else: the summary functions may be revoked from it,
     * pg_walinspect and CHECKPOINT are a superuser's unless granted (a non-superuser owner diffs her own branches too).
     */
    private static final String RIGHTS = "select r.rolname::text, "
            + "coalesce((select bool_and(has_function_privilege(p.oid, 'execute')) from pg_proc p where p.pronamespace = "
            + "'pg_catalog'::regnamespace and p.proname in ('pg_get_wal_summarizer_state', 'pg_available_wal_summaries', "
            + "'pg_wal_summary_contents')), false), "
            + "r.rolsuper or coalesce((select bool_and(has_function_privilege(p.oid, 'execute')) from pg_proc p "
            + "where p.proname = 'pg_get_wal_block_info'), false), "
            + "r.rolsuper or pg_has_role(r.oid, 'pg_checkpoint', 'MEMBER') "
            + "from pg_roles r where r.rolname = current_user";

    /** The role's name, then whether it may read summaries, read the WAL with pg_walinspect, and CHECKPOINT. */
    private String[] rights;

    @Override
    public String unavailable(LocateRequest r) throws SQLException {
        if (r.serverMajor() < 17) {
            return "WAL summaries need PostgreSQL 17 or later";
        }
        if (rights == null) {
            rights = Jdbc.queryOne(r.admin(), RIGHTS, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4)}).orElseThrow();
        }
        if (!"t".equals(rights[1])) {
            return "role '" + rights[0] + "' may not read WAL summaries (EXECUTE on pg_available_wal_summaries, "
                    + "pg_wal_summary_contents and pg_get_wal_summarizer_state is revoked from it)";
        }
        if (state == null) { // read once per instance: the fast-path check and the locator share it
            state = readState(r);
        }
        String no = check(r);
        boolean tail = Lsn.parse(state[1]).compareTo(Lsn.parse(state[4])) < 0;
        if (no.isEmpty() && tail && !"t".equals(rights[2]) && !"t".equals(rights[3])) {
            return "role '" + rights[0] + "' may not read the WAL written since the last summary: that needs EXECUTE on "
                    + "pg_walinspect's pg_get_wal_block_info or membership in pg_checkpoint (a superuser may GRANT either)";
        }
        return no;
    }

    private static String[] readState(LocateRequest r) throws SQLException {
        return Jdbc.queryOne(r.admin(), "select current_setting('summarize_wal'), "
                + "(select summarized_lsn::text from pg_get_wal_summarizer_state()), "
                + "(select string_agg((start_lsn - '0/0'::pg_lsn)::text || ':' || (end_lsn - '0/0'::pg_lsn)::text, ',' "
                + "order by start_lsn) from pg_available_wal_summaries() where end_lsn > ?::pg_lsn), "
                + "pg_current_wal_insert_lsn()::text, pg_current_wal_flush_lsn()::text, "
                + "exists (select 1 from pg_extension where extname = 'pg_walinspect')::text",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6)},
                r.since().toString()).orElseThrow();
    }

    private String check(LocateRequest r) {
        if (!"on".equals(state[0])) {
            return "summarize_wal is off (ALTER SYSTEM SET summarize_wal = on; SELECT pg_reload_conf())";
        }
        Lsn summarized = Lsn.parse(state[1]);
        if (state[2] == null) {
            return summarized.compareTo(r.since()) > 0 ? "no WAL summary covers the branch's LSN " + r.since() : "";
        }
        String[] ranges = state[2].split(",");
        long previousEnd = -1;
        for (int i = 0; i < ranges.length; i++) {
            long start = Long.parseLong(ranges[i].substring(0, ranges[i].indexOf(':')));
            if (i == 0 && start > r.since().value()) {
                return "the WAL summaries start after the branch's LSN " + r.since() + " (summarize_wal was off, or they expired)";
            }
            if (i > 0 && start > previousEnd) {
                return "the WAL summaries since the branch have a gap (summarize_wal was off for a while)";
            }
            previousEnd = Long.parseLong(ranges[i].substring(ranges[i].indexOf(':') + 1));
        }
        return "";
    }

    @Override
    public Located locate(LocateRequest r) throws SQLException {
        Connection c = r.admin();
        if (state == null) {
            String no = unavailable(r);
            if (!no.isEmpty()) {
                throw new SQLException("WAL summaries cannot serve this diff: " + no, "55000");
            }
        }
        Set<Long> files = new HashSet<>(relfilenodes(r));
        WalBlocksMemo.Key key = new WalBlocksMemo.Key(r.fromDb(), r.toDb(), r.since());
        WalBlocksMemo.Entry known = r.memo().get(key);
        boolean resume = known != null && known.files().containsAll(files);
        Lsn from = resume ? known.readTo() : r.since();
        Map<Long, Map<Long, TreeSet<Long>>> found = resume ? known.copyOfBlocks() : new HashMap<>();
        if (resume) {
            files = known.files();
        }
        Lsn end = flushedEnd(c, Lsn.parse(state[3]), Lsn.parse(state[4]));
        if (end.compareTo(from) > 0) {
            Lsn summarized = Lsn.parse(state[1]);
            Lsn[] range = {summarized.compareTo(from) > 0 ? summarized : from, end};
            boolean tail = range[0].compareTo(range[1]) < 0;
            if (tail && !tailReadable(c, range)) {
                if (!"t".equals(rights[3])) {
                    throw new SQLException("role '" + rights[0] + "' may neither read the WAL written since the last summary "
                            + "nor CHECKPOINT: diff again, or with --locator full-compare", "42501");
                }
                Jdbc.execute(c, "checkpoint");
                waitForSummarizer(c, Lsn.parse(Jdbc.string(c, "select redo_lsn::text from pg_control_checkpoint()")));
                tail = false;
            }
            Array dbs = c.createArrayOf("int8", new Long[] {r.fromDb(), r.toDb()});
            Array nodes = c.createArrayOf("int8", files.toArray());
            collect(found, Jdbc.query(c, SUMMARY_BLOCKS, WalSummaryLocator::row, from.toString(), dbs, nodes));
            if (tail) {
                try {
                    collect(found, Jdbc.query(c, TAIL_BLOCKS, WalSummaryLocator::row, range[0].toString(),
                            range[1].toString(), dbs, nodes));
                } catch (SQLException e) {
                    if (!noRecordStarts(e) || !"t".equals(rights[3])) {
                        throw e;
                    }
                    // the tail begins inside a record that runs to its end (a start taken from a write or flush
                    // position mid-record): summaries, which count blocks whatever the records' bounds, read it instead
                    Jdbc.execute(c, "checkpoint");
                    waitForSummarizer(c, Lsn.parse(Jdbc.string(c, "select redo_lsn::text from pg_control_checkpoint()")));
                    collect(found, Jdbc.query(c, SUMMARY_BLOCKS, WalSummaryLocator::row, from.toString(), dbs, nodes));
                }
            }
            r.memo().put(key, new WalBlocksMemo.Entry(end, Set.copyOf(files), found));
        }
        return new Located(name(), byLeaf(found.get(r.fromDb()), r.fromLeaves()), byLeaf(found.get(r.toDb()), r.toLeaves()));
    }

    /**
     * Whether the WAL since the branch touches no block of either database at all (catalogs included): then
     * neither changed, and the diff is empty. Reads the WAL from {@code checkedTo} on, a point up to which an earlier
     * call found it touching neither (the branch's LSN if none). Returns the end of the WAL read when untouched;
     * empty when touched, or when that cannot be told cheaply (a long unsummarized tail).
     */
    public Optional<Lsn> untouched(LocateRequest r, Lsn checkedTo) throws SQLException {
        if (state == null && !unavailable(r).isEmpty()) {
            return Optional.empty();
        }
        Connection c = r.admin();
        Lsn end = flushedEnd(c, Lsn.parse(state[3]), Lsn.parse(state[4]));
        if (end.compareTo(checkedTo) <= 0) {
            return Optional.of(checkedTo);
        }
        Lsn summarized = Lsn.parse(state[1]);
        Lsn tailFrom = summarized.compareTo(checkedTo) > 0 ? summarized : checkedTo;
        if (end.value() - checkedTo.value() <= WHOLE_READ_BYTES && walInspect(c)) {
            // short enough to read whole: its records tell hint-bit page images (a page first read after a checkpoint,
            // with data checksums) apart from writes, where a summary counts both
            tailFrom = checkedTo;
        }
        boolean summaries = tailFrom.compareTo(checkedTo) > 0;
        Lsn[] range = {tailFrom, end};
        boolean tail = tailFrom.compareTo(end) < 0;
        if (tail && !tailReadable(c, range)) {
            return Optional.empty();
        }
        Array dbs = c.createArrayOf("int8", new Long[] {r.fromDb(), r.toDb()});
        String sql = "select " + (summaries ? "exists (select 1 from pg_available_wal_summaries() s, "
                + "lateral pg_wal_summary_contents(s.tli, s.start_lsn, s.end_lsn) w "
                + "where s.end_lsn > ?::pg_lsn and w.reldatabase = any(?::oid[]))" : "false")
                + (tail ? " or exists (select 1 from pg_get_wal_block_info(?::pg_lsn, ?::pg_lsn, false) "
                        + "where reldatabase = any(?::oid[]) and " + NOT_HINTS + ")" : "");
        List<Object> params = new ArrayList<>();
        if (summaries) {
            params.add(checkedTo.toString());
            params.add(dbs);
        }
        if (tail) {
            params.add(tailFrom.toString());
            params.add(end.toString());
            params.add(dbs);
        }
        boolean touched;
        try {
            touched = Jdbc.queryOne(c, sql, rs -> rs.getBoolean(1), params.toArray()).orElse(true);
        } catch (SQLException e) {
            if (!noRecordStarts(e) && !walRemoved(e)) {
                throw e;
            }
            return Optional.empty(); // not cheaply told: the diff reads the blocks instead
        }
        return touched ? Optional.empty() : Optional.of(end);
    }

    /**
     * Whether pg_walinspect found no record starting in the range read ("could not find a valid record after"): its
     * start lies inside a record that runs to the range's end.
     */
    private static boolean noRecordStarts(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("could not find a valid record after");
    }

    /** Whether the range reaches back into WAL a checkpoint has removed since. */
    private static boolean walRemoved(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("has already been removed");
    }

    /** Whether that tail is short enough to read with pg_walinspect, and pg_walinspect is there. */
    private boolean tailReadable(Connection c, Lsn[] range) {
        boolean mayCheckpoint = rights == null || "t".equals(rights[3]);
        return (range[1].value() - range[0].value() <= MAX_TAIL_BYTES || !mayCheckpoint) && walInspect(c);
    }

    /**
     * The end of the WAL read: the insert position, once durable. When records are written but not yet flushed (an
     * asynchronous commit), a transaction that writes is committed to flush them (or, for a role that may not write a
     * logical message, the WAL writer waited for), so that every change the diff's snapshots see is in the range read. The insert position, not the flush position, is returned once flushed: it is where the next
     * record starts, while a flush may stop inside a record that spans pages, and a later read resumed there would find
     * no record.
     */
    private static Lsn flushedEnd(Connection c, Lsn inserted, Lsn flushed) throws SQLException {
        if (inserted.compareTo(flushed) <= 0) {
            return inserted;
        }
        Lsn now = WalFlush.flushTo(c, inserted, FLUSH_WAIT_NANOS);
        // past the wait, the WAL writer is stalled: only what is flushed can be read
        return now.compareTo(inserted) >= 0 ? inserted : now;
    }

    private boolean walInspect(Connection c) {
        if (rights != null && !"t".equals(rights[2])) {
            return false; // not to be created, or not to be run, by this role
        }
        try {
            if (!"true".equals(state[5])) {
                Jdbc.execute(c, "create extension if not exists pg_walinspect");
                state[5] = "true";
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Lsn waitForSummarizer(Connection c, Lsn target) throws SQLException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (true) {
            Lsn summarized = Lsn.parse(Jdbc.string(c, SUMMARIZED));
            if (summarized.compareTo(target) >= 0) {
                return summarized;
            }
            if (System.nanoTime() > deadline) {
                throw new SQLException("the WAL summarizer did not reach " + target + " in " + WAIT_MILLIS + " ms (it is at "
                        + summarized + "); check pg_get_wal_summarizer_state()", "55000");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the WAL summarizer", "57014", e);
            }
        }
    }

    private static List<Long> relfilenodes(LocateRequest r) {
        List<Long> out = new ArrayList<>();
        r.fromLeaves().forEach(l -> out.add(l.relfilenode()));
        r.toLeaves().forEach(l -> out.add(l.relfilenode()));
        return out;
    }

    private static long[] row(java.sql.ResultSet rs) throws SQLException {
        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }

    private static void collect(Map<Long, Map<Long, TreeSet<Long>>> found, List<long[]> rows) {
        for (long[] row : rows) {
            found.computeIfAbsent(row[0], k -> new HashMap<>()).computeIfAbsent(row[1], k -> new TreeSet<>()).add(row[2]);
        }
    }

    private static Map<Long, long[]> byLeaf(Map<Long, TreeSet<Long>> byNode, List<Leaf> leaves) {
        Map<Long, long[]> out = new HashMap<>();
        for (Leaf leaf : leaves) {
            TreeSet<Long> blocks = byNode == null ? null : byNode.get(leaf.relfilenode());
            out.put(leaf.oid(), blocks == null ? new long[0] : blocks.stream().mapToLong(Long::longValue).toArray());
        }
        return out;
    }
}
