package dev.foldout.internal.diff;

import dev.foldout.Locator;
import dev.foldout.Lsn;
import dev.foldout.ParentChanges;
import dev.foldout.RowChange;
import dev.foldout.TableDiff;
import dev.foldout.internal.diff.locate.ChangeLocator;
import dev.foldout.internal.diff.locate.LocateRequest;
import dev.foldout.internal.diff.locate.Located;
import dev.foldout.internal.diff.locate.PageScanLocator;
import dev.foldout.internal.diff.locate.WalSummaryLocator;
import dev.foldout.internal.diff.locate.WalBlocksMemo;
import dev.foldout.internal.diff.rows.Leaf;
import dev.foldout.internal.diff.rows.RowSink;
import dev.foldout.internal.diff.rows.TableComparer;
import dev.foldout.internal.diff.rows.TablePlan;
import dev.foldout.internal.diff.rows.TableShape;
import dev.foldout.internal.diff.rows.TableShapes;
import dev.foldout.internal.diff.schema.SchemaDiff;
import dev.foldout.internal.diff.schema.SchemaDiffer;
import dev.foldout.internal.diff.schema.TableMapping;
import dev.foldout.internal.sql.BothSides;
import dev.foldout.internal.sql.Jdbc;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.sql.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a diff: the schema diff, then per table (parents before children) the located blocks, the row compare,
 * and everything handed to a {@link DiffSink} as it is found.
 */
public final class DiffEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DiffEngine.class);

    private DiffEngine() {
    }

    /** Runs the diff into {@code sink}. */
    public static void run(DiffRequest r, DiffSink sink) throws SQLException {
        long t0 = System.nanoTime();
        WalSummaryLocator wal = new WalSummaryLocator(); // one per diff: the WAL state is read once
        Optional<DiffHeader> quiet = quiet(r, wal);
        if (quiet.isPresent()) {
            writeEmpty(quiet.get(), sink);
            LOG.debug("diff {} -> {}: neither database was written since the branch ({} ms)", r.branch(), r.parent(),
                    (System.nanoTime() - t0) / 1_000_000.0);
            return;
        }
        SchemaDiffer.Versioned versioned = SchemaDiffer.compareVersioned(r.from(), r.to(), r.base().isPresent());
        SchemaDiff schema = versioned.diff();
        long t1 = System.nanoTime();
        List<Long> fromOids = schema.tables().stream().filter(t -> !t.isNew()).map(TableMapping::fromOid).toList();
        BothSides.Pair<FromSide, ToSide> sides = BothSides.read(
                () -> new FromSide(databaseOid(r.from()), SchemaFingerprint.of(r.from(), versioned.fromVersion()),
                        TableShapes.read(r.from(), versioned.fromVersion(), fromOids)),
                () -> {
                    long[] database = Jdbc.queryOne(r.to(), "select oid::int8, current_setting('block_size')::int "
                            + "from pg_database where datname = current_database()",
                            rs -> new long[] {rs.getLong(1), rs.getInt(2)}).orElseThrow();
                    List<TableMapping> ordered = TableOrder.parentsFirst(r.to(), schema.tables());
                    return new ToSide(database[0], (int) database[1], ordered, TableShapes.read(r.to(), versioned.toVersion(),
                            ordered.stream().map(TableMapping::toOid).toList()));
                });
        long parentOid = sides.first().oid();
        List<TableMapping> tables = sides.second().ordered();
        Map<Long, TableShape> from = sides.first().shapes();
        Map<Long, TableShape> to = sides.second().shapes();
        long t2 = System.nanoTime();
        String[] why = {""};
        Located located = locate(r, wal, parentOid, sides.second().oid(), tables, from, to, why);
        ParentChanges own = r.cut().isEmpty() && r.base().isPresent() && r.base().get().xid().isPresent()
                ? ParentWork.count(r.from(), r.to(), r.base().get().xid().getAsLong(), tables, from, to, located,
                        !schema.preData().isEmpty() || !schema.postData().isEmpty())
                : ParentChanges.UNKNOWN;
        sink.header(new DiffHeader(r.parent(), r.branch(), r.mode(), parentOid, sides.first().fingerprint(), own));
        sink.preData(schema);
        long t3 = System.nanoTime();
        TableComparer comparer = new TableComparer(r.from(), r.to(), sides.second().blockSize());
        for (TableMapping m : tables) {
            TableShape t = to.get(m.toOid());
            if (t == null) {
                continue;
            }
            TablePlan plan = TablePlanner.plan(m, m.isNew() ? null : from.get(m.fromOid()), t, located, why[0],
                    r.cut().isPresent());
            RowSink rows = sink.table(plan);
            List<RowChange> kept = new ArrayList<>();
            TableComparer.Counts counts = comparer.compare(plan, change -> {
                rows.change(change);
                if (r.options().keepRows()) {
                    kept.add(change);
                }
            });
            sink.tableDone(plan, new TableDiff(t.schema(), t.name(), plan.key(), plan.locator(), counts.inserts(),
                    counts.updates(), counts.deletes(), kept));
        }
        sink.postData(schema);
        sink.finish();
        long t4 = System.nanoTime();
        LOG.debug("diff {} -> {}: schema {} ms, shapes {} ms, locate {} ms, rows {} ms", r.branch(), r.parent(),
                (t1 - t0) / 1_000_000.0, (t2 - t1) / 1_000_000.0, (t3 - t2) / 1_000_000.0, (t4 - t3) / 1_000_000.0);
    }

    /**
     * The fast path of a diff with nothing to find: the WAL since the branch touches neither database, and neither
     * has an unlogged table (whose writes leave no WAL). Returns the empty diff's header when it applies, and
     * remembers the branch as quiet for {@link #stillQuiet}.
     */
    private static Optional<DiffHeader> quiet(DiffRequest r, WalSummaryLocator wal) throws SQLException {
        if (r.base().isEmpty() || r.base().get().walOf().isPresent() || r.options().locator() == Locator.FULL_COMPARE
                || r.options().locator() == Locator.PAGESCAN) {
            return Optional.empty();
        }
        String sql = "select oid, exists (select 1 from pg_class where relpersistence = 'u') from pg_database "
                + "where datname = current_database()";
        BothSides.Pair<long[], long[]> oids = BothSides.read(
                () -> Jdbc.queryOne(r.from(), sql, rs -> new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0}).orElseThrow(),
                () -> Jdbc.queryOne(r.to(), sql, rs -> new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0}).orElseThrow());
        long[] from = oids.first();
        long[] to = oids.second();
        if (from[1] != 0 || to[1] != 0) {
            return Optional.empty();
        }
        DiffRequest.Base base = r.base().get();
        QuietBranches.Key key = new QuietBranches.Key(from[0], to[0], base.lsn());
        LocateRequest request = new LocateRequest(r.admin(), from[0], to[0], base.lsn(), base.quiet(), r.dataDir(),
                r.serverMajor(), List.of(), List.of(), r.walBlocks());
        Lsn checkedTo = r.quiet().get(key).map(QuietBranches.Quiet::checkedTo).orElse(base.lsn());
        Optional<Lsn> end = wal.untouched(request, checkedTo);
        if (end.isEmpty()) {
            r.quiet().forget(key);
            return Optional.empty();
        }
        String fingerprint = SchemaFingerprint.of(r.from());
        r.quiet().put(key, new QuietBranches.Quiet(end.get(), fingerprint));
        // nothing was written to either database since the branch: none of the parent's own work to undo
        return Optional.of(new DiffHeader(r.parent(), r.branch(), r.mode(), from[0], fingerprint, ParentChanges.NONE));
    }

    /**
     * What to check, without connecting to either database, that a branch an earlier diff found quiet still is.
     *
     * @param parent      the parent's name
     * @param branch      the branch's name
     * @param key         the branch
     * @param base        where it started
     * @param admin       an auto-commit connection to the cluster's catalog database
     * @param walEnd      the end of the WAL, read just before, if known (all of it flushed)
     * @param serverMajor the server's major version
     * @param quiet       what the session knows of quiet branches
     */
    public record QuietCheck(String parent, String branch, QuietBranches.Key key, DiffRequest.Base base, Connection admin,
                             Optional<Lsn> walEnd, int serverMajor, QuietBranches quiet) {
    }

    /**
     * The header of the empty diff of a branch that an earlier diff of this session found quiet, when the WAL written
     * since touches neither database either; empty when that cannot be told so (then {@link #run} decides).
     */
    public static Optional<DiffHeader> stillQuiet(QuietCheck q) throws SQLException {
        Optional<QuietBranches.Quiet> known = q.quiet().get(q.key());
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Optional<Lsn> end = q.walEnd().filter(e -> e.equals(known.get().checkedTo()));
        if (end.isEmpty()) {
            LocateRequest request = new LocateRequest(q.admin(), q.key().parentOid(), q.key().branchOid(), q.base().lsn(),
                    q.base().quiet(), Optional.empty(), q.serverMajor(), List.of(), List.of(), new WalBlocksMemo());
            end = new WalSummaryLocator().untouched(request, known.get().checkedTo());
        }
        if (end.isEmpty()) {
            q.quiet().forget(q.key());
            return Optional.empty();
        }
        q.quiet().put(q.key(), new QuietBranches.Quiet(end.get(), known.get().parentFingerprint()));
        return Optional.of(new DiffHeader(q.parent(), q.branch(), DiffRequest.TWO_WAY, q.key().parentOid(),
                known.get().parentFingerprint(), ParentChanges.NONE));
    }

    /** Writes the empty diff. */
    public static void writeEmpty(DiffHeader header, DiffSink sink) {
        SchemaDiff none = new SchemaDiff(List.of(), List.of(), List.of(), List.of(), List.of());
        sink.header(header);
        sink.preData(none);
        sink.postData(none);
        sink.finish();
    }

    /** What the engine reads of the current side besides its rows. */
    private record FromSide(long oid, String fingerprint, Map<Long, TableShape> shapes) {
    }

    /** What the engine reads of the desired side besides its rows: its tables in the order their rows are written. */
    private record ToSide(long oid, int blockSize, List<TableMapping> ordered, Map<Long, TableShape> shapes) {
    }

    /** A sink that hands everything to both {@code a} and {@code b}. */
    public static DiffSink tee(DiffSink a, DiffSink b) {
        return new Tee(a, b);
    }

    private static long databaseOid(java.sql.Connection c) throws SQLException {
        return Long.parseLong(Jdbc.string(c, "select oid::text from pg_database where datname = current_database()"));
    }

    private static Located locate(DiffRequest r, WalSummaryLocator wal, long fromDb, long toDb, List<TableMapping> tables, Map<Long, TableShape> from,
                                  Map<Long, TableShape> to, String[] why) throws SQLException {
        if (r.cut().isPresent()) {
            return InstanceLocate.locate(r, tables, from, to, why);
        }
        if (r.base().isEmpty()) {
            why[0] = r.noBase().isEmpty() ? "not a branch of the other database" : r.noBase();
            return null;
        }
        if (r.options().locator() == Locator.FULL_COMPARE) {
            why[0] = "asked for";
            return null;
        }
        List<Leaf> fromLeaves = new ArrayList<>();
        List<Leaf> toLeaves = new ArrayList<>();
        for (TableMapping m : tables) {
            if (!m.isNew() && to.containsKey(m.toOid())) {
                for (Leaf[] pair : TablePlanner.locatable(from.get(m.fromOid()), to.get(m.toOid()), false)) {
                    fromLeaves.add(pair[0]);
                    toLeaves.add(pair[1]);
                }
            }
        }
        long walFrom = r.base().get().walOf().orElse(fromDb);
        LocateRequest request = new LocateRequest(r.admin(), walFrom, toDb, r.base().get().lsn(), r.base().get().quiet(),
                r.dataDir(), r.serverMajor(), fromLeaves, toLeaves, r.walBlocks());
        List<String> reasons = new ArrayList<>();
        for (ChangeLocator locator : candidates(r.options().locator(), wal)) {
            String no = locator.unavailable(request);
            if (no.isEmpty()) {
                Located found = locator.locate(request);
                LOG.debug("{}: {} leaves located", locator.name(), toLeaves.size());
                return found;
            }
            reasons.add(locator.name() + ": " + no);
        }
        why[0] = "no change locator here (" + String.join("; ", reasons) + ")";
        return null;
    }

    private static List<ChangeLocator> candidates(Locator choice, WalSummaryLocator wal) {
        return switch (choice) {
            case PAGESCAN -> List.of(new PageScanLocator());
            case WAL_SUMMARIES -> List.of(wal);
            default -> List.of(wal, new PageScanLocator());
        };
    }
}
