package dev.foldout.internal;

import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.internal.diff.CollectedDiff;
import dev.foldout.internal.diff.DiffEngine;
import dev.foldout.internal.diff.DiffRequest;
import dev.foldout.internal.diff.DiffSink;
import dev.foldout.internal.diff.locate.InstanceCut;
import dev.foldout.internal.diff.output.JsonWriter;
import dev.foldout.internal.diff.output.SqlWriter;
import dev.foldout.internal.sql.SqlErrors;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the diff engine for the diff verbs: opens both sides and the catalog connection, makes an instance branch's
 * cut, and writes the engine's output into the diff object and, as made, into the caller's output.
 */
final class DiffRun {
    private DiffRun() {
    }

    /** Makes an instance branch's cut with the catalog connection; the connections it opens go into {@code opened}. */
    @FunctionalInterface
    interface CutMaker {
        InstanceCut make(Connection admin, List<Connection> opened) throws SQLException;
    }

    static Diff run(Session s, String parent, String branch, IdleConnections.Opener parentSide,
                            IdleConnections.Opener branchSide, Optional<DiffRequest.Base> base, Optional<CutMaker> cutMaker,
                            String why, DiffOptions options, Appendable out, DiffFormat format) {
        return run(s, parent, branch, parentSide, branchSide, base, cutMaker, why, options, out, format, (f, t, sink) -> sink);
    }

    /** Puts a sink of its own between the engine and the diff's output, given the engine's two connections. */
    @FunctionalInterface
    interface SinkWrapper {
        DiffSink wrap(Connection from, Connection to, DiffSink sink) throws SQLException;
    }

    /** Runs the engine into the output through {@code wrapper}'s sink. */
    static Diff run(Session s, String parent, String branch, IdleConnections.Opener parentSide,
                    IdleConnections.Opener branchSide, Optional<DiffRequest.Base> base, Optional<CutMaker> cutMaker,
                    String why, DiffOptions options, Appendable out, DiffFormat format, SinkWrapper wrapper) {
        String what = "comparing \"" + branch + "\" with \"" + parent + "\"";
        List<Connection> opened = new ArrayList<>();
        try (Connection from = parentSide.open(); Connection to = branchSide.open();
             Connection admin = s.borrow("catalog", s::openOwner)) {
            Optional<InstanceCut> cut = Optional.empty();
            if (cutMaker.isPresent()) {
                cut = Optional.of(cutMaker.get().make(admin, opened));
            }
            Optional<InstanceCut> instanceCut = cut;
            return collect(s, what, options, out, format, sink -> DiffEngine.run(new DiffRequest(parent, branch, from, to, admin, base,
                    instanceCut, s.dataDirectory(), s.server().majorVersion(), new DiffOptions(options.locator(), keeps(options, out)),
                    why, s.quietBranches(), s.walBlocks()), wrapper.wrap(from, to, sink)));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, what, s.connections().address());
        } finally {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // only CHECKPOINT ran on it
                }
            }
        }
    }

    /** Whether the diff object keeps its rows: asked for, and not written out as made. */
    private static boolean keeps(DiffOptions options, Appendable out) {
        return options.keepRows() && out == null;
    }

    /** Something that writes a diff into a sink. */
    @FunctionalInterface
    interface Producer {
        void write(DiffSink sink) throws SQLException;
    }

    /** Runs {@code producer} into the diff object, and into {@code out} in {@code format} when it is not null. */
    static Diff collect(Session s, String what, DiffOptions options, Appendable out, DiffFormat format,
                                Producer producer) {
        CollectedDiff diff = new CollectedDiff(d -> DiffApply.applyCollected(s, d), keeps(options, out));
        try {
            if (out == null) {
                producer.write(diff);
            } else if (format == DiffFormat.JSON) {
                try (JsonWriter json = new JsonWriter(asWriter(out))) {
                    producer.write(DiffEngine.tee(json, diff));
                }
            } else {
                producer.write(DiffEngine.tee(new SqlWriter(out), diff));
            }
            return diff;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, what, s.connections().address());
        }
    }

    private static Writer asWriter(Appendable out) {
        return out instanceof Writer w ? w : new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws java.io.IOException {
                out.append(new String(buf, off, len));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
