package dev.foldout.internal;

import static dev.foldout.internal.sql.ReadSnapshots.prepared;
import static dev.foldout.internal.sql.ReadSnapshots.snapshot;

import dev.foldout.Diff;
import dev.foldout.ParentChanges;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.FoldoutException;
import dev.foldout.MergeBase;
import dev.foldout.RefInfo;
import dev.foldout.internal.catalog.BaseStore;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.DiffRequest;
import dev.foldout.internal.merge.AlreadyMerged;
import dev.foldout.internal.merge.MergeFailure;
import dev.foldout.internal.ops.HiddenDatabase;
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
            return diff(s, point, options, out, format, recorded, parent);
        } catch (java.sql.SQLException e) {
            throw dev.foldout.internal.sql.SqlErrors.translate(e, "comparing \"" + ref.name() + "\" with \"" + ref.parent() + "\"",
                    s.connections().address());
        } catch (MergeFailure e) {
            throw dev.foldout.internal.sql.SqlErrors.translate(e.sqlCause(), "comparing \"" + ref.name() + "\" with \""
                    + ref.parent() + "\"", s.connections().address());
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
