package dev.foldout.internal;

import static dev.foldout.internal.sql.ReadSnapshots.prepared;
import static dev.foldout.internal.sql.ReadSnapshots.snapshot;

import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.FoldoutException;
import dev.foldout.Locator;
import dev.foldout.MergeBase;
import dev.foldout.ParentChanges;
import dev.foldout.RefInfo;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.diff.DiffEngine;
import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.DiffRequest;
import dev.foldout.internal.diff.locate.LocateRequest;
import dev.foldout.internal.diff.locate.WalSummaryLocator;
import dev.foldout.internal.merge.AlreadyMerged;
import dev.foldout.internal.merge.MergeFailure;
import dev.foldout.internal.ops.HiddenDatabase;
import java.util.List;
import java.util.Optional;

/**
 * The diff of a branch that keeps a merge base: the branch's own changes since its base (what a merge brings in),
 * never the reverse of what the parent changed meanwhile. The SQL is made against the base, so applying it to the
 * parent refuses any row the parent changed since (each UPDATE and DELETE checks the row is as the base had it) and
 * any schema the parent changed; " + Fixes.MERGE + " merges such overlaps cell by cell instead. Mode {@code 3-way}.
 */
final class OwnChanges {
    /** The mode of such a diff. */
    static final String MODE = "3-way";

    private OwnChanges() {
    }

    static Diff diff(Session s, RefStore.DiffPoint point, DiffOptions options, Appendable out, DiffFormat format) {
        RefInfo ref = point.ref();
        MergeBase base = ref.base().orElseThrow();
        BaseStore.Base recorded = s.read("reading the merge base of \"" + ref.name() + "\"", c -> BaseStore.find(c, ref.name()))
                .orElseThrow(() -> new FoldoutException("the merge base of branch \"" + ref.name() + "\" was dropped while "
                        + "the diff started: diff again"));
        try (java.sql.Connection parent = snapshot(s.borrow("diff:" + ref.parent(),
                () -> prepared(s.connections().open(ref.parent()))))) {
            Optional<DiffHeader> quiet = quiet(s, point, recorded, parent, options);
            if (quiet.isPresent()) {
                return DiffRun.collect(s, "writing the diff", options, out, format, sink -> DiffEngine.writeEmpty(quiet.get(), sink));
            }
            return diff(s, point, options, out, format, recorded, parent);
        } catch (java.sql.SQLException e) {
            throw dev.foldout.internal.sql.SqlErrors.translate(e, "comparing \"" + ref.name() + "\" with \"" + ref.parent() + "\"",
                    s.connections().address());
        } catch (MergeFailure e) {
            throw dev.foldout.internal.sql.SqlErrors.translate(e.sqlCause(), "comparing \"" + ref.name() + "\" with \""
                    + ref.parent() + "\"", s.connections().address());
        }
    }

    /**
     * The header of the empty diff when nothing can have changed since the base: the WAL since the base's LSN touches
     * neither the base nor the branch, and the branch has no unlogged table (whose writes leave no WAL; the base, copied
     * from the same source in the same lock and never written, has none either then). Read without connecting to the
     * base, whose connections a hidden database must first allow: a quiet branch's diff costs the branch's and the
     * parent's connections (the header names the parent's schema), not the engine. Empty when it cannot be told so.
     */
    private static Optional<DiffHeader> quiet(Session s, RefStore.DiffPoint point, BaseStore.Base recorded,
                                              java.sql.Connection parent, DiffOptions options) throws java.sql.SQLException {
        if (options.locator() != Locator.AUTO && options.locator() != Locator.WAL_SUMMARIES || point.branchOid() == 0) {
            return Optional.empty();
        }
        RefInfo ref = point.ref();
        if (hasUnloggedRelations(s, ref.name(), point.branchOid())) {
            return Optional.empty();
        }
        MergeBase base = recorded.info();
        Optional<dev.foldout.Lsn> untouched = s.read("reading the WAL", c -> new WalSummaryLocator().untouched(
                new LocateRequest(c, recorded.oid(), point.branchOid(), base.lsn(), recorded.quiet(), s.dataDirectory(),
                        s.server().majorVersion(), List.of(), List.of(), s.walBlocks()), base.lsn()));
        if (untouched.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DiffHeader(ref.parent(), ref.name(), MODE, point.parentOid(),
                dev.foldout.internal.diff.SchemaFingerprint.of(parent), ParentChanges.NONE));
    }

    /**
     * Whether database {@code name} (OID {@code oid}) holds an unlogged relation: one with an init fork
     * ({@code <relfilenode>_init}) among its files, where the data directory is readable here (no connection to it),
     * else as its {@code pg_class} says.
     */
    private static boolean hasUnloggedRelations(Session s, String name, long oid) throws java.sql.SQLException {
        if (s.dataDirectory().isPresent()) {
            try {
                java.util.List<java.nio.file.Path> dirs = s.read("finding the files of \"" + name + "\"",
                        c -> dev.foldout.internal.cow.DatabaseDirectories.of(c, s.dataDirectory().get(), s.server().majorVersion(), oid));
                for (java.nio.file.Path d : dirs) {
                    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(d)) {
                        if (files.anyMatch(f -> f.getFileName().toString().endsWith("_init"))) {
                            return true;
                        }
                    }
                }
                if (!dirs.isEmpty()) {
                    return false;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not readable here: ask the database
            }
        }
        try (java.sql.Connection branch = s.borrow("diff:" + name, () -> prepared(s.connections().open(name)))) {
            return dev.foldout.internal.sql.Jdbc.queryOne(branch, "select exists (select 1 from pg_class where "
                    + "relpersistence = 'u')", rs -> rs.getBoolean(1)).orElse(true);
        }
    }

    private static Diff diff(Session s, RefStore.DiffPoint point, DiffOptions options, Appendable out, DiffFormat format,
                             BaseStore.Base recorded, java.sql.Connection parent) {
        RefInfo ref = point.ref();
        MergeBase base = recorded.info();
        String parentSchema;
        try {
            parentSchema = dev.foldout.internal.diff.SchemaFingerprint.of(parent); // what the DDL left in will run on
        } catch (java.sql.SQLException e) {
            throw new MergeFailure(e);
        }
        return DiffRun.run(s, ref.parent(), ref.name(),
                () -> snapshot(s.borrow("diff:" + base.database(), () -> prepared(s.read("opening the merge base of \""
                        + ref.name() + "\"", c -> HiddenDatabase.openOne(s, c, base.database()))))),
                () -> snapshot(s.borrow("diff:" + ref.name(), () -> prepared(s.connections().open(ref.name())))),
                Optional.of(new DiffRequest.Base(base.lsn(), recorded.quiet())), Optional.empty(), "", options, out, format,
                (from, to, sink) -> new AlreadyMerged(from, to, parent, HeaderRewrite.of(sink,
                        h -> new DiffHeader(ref.parent(), ref.name(), MODE, point.parentOid(), parentSchema,
                                ParentChanges.NONE))));
    }
}
