package dev.foldout.internal;

import dev.foldout.ApplyOptions;
import dev.foldout.ApplyResult;
import dev.foldout.FoldoutException;
import dev.foldout.NotFoundException;
import dev.foldout.internal.diff.Applier;
import dev.foldout.internal.diff.CollectedDiff;
import dev.foldout.internal.diff.output.DiffFile;
import dev.foldout.internal.ops.ClusterDatabases;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

/** Applies a diff file, or a diff this session made, to its parent (or the target the options name). */
final class DiffApply {
    private DiffApply() {
    }

    static ApplyResult applyCollected(Session s, CollectedDiff d) {
        return apply(s, new StringReader(d.toSql()), "made by this session", d.applyOptions());
    }

    /** Applies a diff file. */
    static ApplyResult apply(Session s, Reader in, String source, ApplyOptions options) {
        DiffFile file = DiffFile.read(in, source);
        String target = options.target().isEmpty() ? file.header().parent() : options.target();
        Names.requireLookup("database", target);
        s.read("finding database \"" + target + "\"", c -> ClusterDatabases.find(c, target).orElseThrow(() ->
                new NotFoundException("no database named \"" + target + "\" to apply the diff to - " + Fixes.DATABASES + " "
                        + "shows them")));
        try (Connection c = s.connections().open(target)) {
            return Applier.apply(c, target, file, options);
        } catch (SQLException e) {
            throw new FoldoutException("could not apply the diff to \"" + target + "\": " + e.getMessage(), e);
        }
    }
}
