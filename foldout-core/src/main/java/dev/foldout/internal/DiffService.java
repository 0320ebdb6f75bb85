package dev.foldout.internal;

import static dev.foldout.internal.sql.ReadSnapshots.prepared;
import static dev.foldout.internal.sql.ReadSnapshots.snapshot;

import dev.foldout.ApplyOptions;
import dev.foldout.ApplyResult;
import dev.foldout.Diff;
import dev.foldout.DiffFormat;
import dev.foldout.DiffOptions;
import dev.foldout.ConnectionUrl;
import dev.foldout.FoldoutException;
import dev.foldout.InstanceInfo;
import dev.foldout.InstanceState;
import dev.foldout.Locator;
import dev.foldout.NotFoundException;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.RefStatus;
import dev.foldout.internal.catalog.RefStore;
import dev.foldout.internal.cluster.InstanceCuts;
import dev.foldout.internal.cluster.Instances;
import dev.foldout.internal.diff.Applier;
import dev.foldout.internal.diff.CollectedDiff;
import dev.foldout.internal.diff.DiffEngine;
import dev.foldout.internal.diff.DiffHeader;
import dev.foldout.internal.diff.QuietBranches;
import dev.foldout.internal.diff.DiffRequest;
import dev.foldout.internal.diff.DiffSink;
import dev.foldout.internal.diff.locate.InstanceCut;
import dev.foldout.internal.diff.locate.InstancePageScan;
import dev.foldout.internal.diff.output.DiffFile;
import dev.foldout.internal.diff.output.JsonWriter;
import dev.foldout.internal.diff.output.SqlWriter;
import dev.foldout.internal.ops.ClusterDatabases;
import dev.foldout.internal.sql.SqlErrors;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Makes diffs for the handles and applies them: finds the two databases and the branch point, runs the engine. */
final class DiffService {
    /** Backends whose copies share the parent's files and WAL in the same cluster: the locators may serve them. */
    /** The backends whose branches are databases in the parent's cluster. */
    static final Set<String> SAME_CLUSTER = Set.of("template", "reflink");

    private DiffService() {
    }

    /** The diff of a branch against its parent; written to {@code out} as made when {@code out} is not null. */
    static Diff ofBranch(Session s, String branch, DiffOptions options, Appendable out, DiffFormat format) {
        Names.requireLookup("branch", branch);
        ReadRepair.run(s);
        Optional<RefStore.DiffPoint> found = s.read("reading the catalog", c -> RefStore.diffPoint(c, branch));
        if (found.isEmpty() || found.get().instance()) {
            Optional<InstanceInfo> instance = Instances.findUnsized(s, branch);
            if (instance.isPresent()) {
                return ofInstance(s, instance.get(), options, out, format);
            }
        }
        RefStore.DiffPoint point = found.filter(p -> p.ref().kind() == RefKind.BRANCH)
                .orElseThrow(() -> Refs.notFound(RefKind.BRANCH, branch));
        RefInfo ref = point.ref();
        if (ref.status() == RefStatus.MISSING) {
            throw new NotFoundException("branch \"" + branch + "\" is in the catalog but its database is gone: "
                    + "'foldout delete-branch " + branch + "' removes the entry");
        }
        if (point.parentOid() == 0) {
            throw new NotFoundException("the parent \"" + ref.parent() + "\" of branch \"" + branch + "\" no longer exists: "
                    + "compare the branch with another database with 'foldout diff " + branch + " OTHER'");
        }
        boolean parentReplaced = point.recordedParent() != 0 && point.recordedParent() != point.parentOid();
        if (SAME_CLUSTER.contains(ref.backend()) && ref.status() == RefStatus.OK && ref.base().isPresent() && !parentReplaced) {
            Connectable.requireBranch(s, branch, ref.parent());
            return OwnChanges.diff(s, point, options, out, format);
        }
        String why;
        Optional<DiffRequest.Base> base = Optional.empty();
        if (!SAME_CLUSTER.contains(ref.backend())) {
            why = "made by the " + ref.backend() + " backend";
        } else if (ref.status() == RefStatus.REPLACED) {
            why = "the branch's database was replaced since it was made";
        } else if (ref.status() == RefStatus.UNTRUSTED) {
            why = "its catalog entry is untrusted (written by a role that could not have made it)";
        } else if (point.recordedParent() != 0 && point.recordedParent() != point.parentOid()) {
            why = "the parent was replaced since the branch was made (a restore)";
        } else {
            why = "";
            base = Optional.of(new DiffRequest.Base(ref.lsn(), ref.createdAt(), point.branchXid()));
        }
        if (base.isPresent() && (options.locator() == Locator.AUTO || options.locator() == Locator.WAL_SUMMARIES)) {
            DiffRequest.Base start = base.get();
            Optional<DiffHeader> quiet = s.read("reading the WAL", c -> DiffEngine.stillQuiet(new DiffEngine.QuietCheck(
                    ref.parent(), branch, new QuietBranches.Key(point.parentOid(), point.branchOid(), ref.lsn()), start, c,
                    point.walEnd(), s.server().majorVersion(), s.quietBranches())));
            if (quiet.isPresent()) {
                return collect(s, "writing the diff", options, out, format, sink -> DiffEngine.writeEmpty(quiet.get(), sink));
            }
        }
        Connectable.requireBranch(s, branch, ref.parent());
        return run(s, ref.parent(), branch, () -> snapshot(s.borrow("diff:" + ref.parent(), () -> prepared(s.connections().open(ref.parent())))),
                () -> snapshot(s.borrow("diff:" + branch, () -> prepared(s.connections().open(branch)))), base, Optional.empty(),
                why, options, out, format);
    }

    /**
     * The diff of an instance branch (a cluster of its own) against its parent, which is a database of this server or
     * another instance branch: the same database in two clusters that share their past up to the cut, so the page
     * scan of both sides finds what either wrote since (see {@link InstancePageScan}); else compared in full.
     */
    private static Diff ofInstance(Session s, InstanceInfo branch, DiffOptions options, Appendable out, DiffFormat format) {
        if (branch.state() != InstanceState.RUNNING) {
            throw new FoldoutException("instance branch \"" + branch.name() + "\" is " + branch.state().name().toLowerCase(
                    java.util.Locale.ROOT) + ": 'foldout start " + branch.name() + "' first, then diff it");
        }
        Optional<ConnectionUrl> parentInstance = Instances.url(s, branch.parent());
        String parentLabel = branch.parent();
        if (parentInstance.isEmpty()) {
            s.read("finding the parent of branch \"" + branch.name() + "\"", c -> ClusterDatabases.find(c, branch.database())
                    .orElseThrow(() -> new NotFoundException("the parent database \"" + branch.database() + "\" of instance "
                            + "branch \"" + branch.name() + "\" no longer exists")));
            parentLabel = branch.database();
        }
        ConnectionUrl to = Instances.url(s, branch.name()).orElseThrow();
        String parentName = parentLabel;
        String parentKey = "diff:" + parentInstance.map(DiffService::where).orElse(branch.database());
        IdleConnections.Opener parentSide = () -> snapshot(s.borrow(parentKey, () -> prepared(parentInstance
                .map(u -> s.connections().open(u)).orElseGet(() -> s.connections().open(branch.database())))));
        return run(s, parentLabel, branch.name(), parentSide,
                () -> snapshot(s.borrow("diff:" + where(to), () -> prepared(s.connections().open(to)))), Optional.empty(),
                Optional.of((admin, opened) -> cut(s, branch, parentName, parentInstance, to, options, admin, opened)),
                "", options, out, format);
    }

    /**
     * The cut of an instance branch, as the page scan needs it ({@link InstanceCuts#ofBranch}). The quiet instant is the
     * branch's {@code created_at}: its catalog row is inserted (the catalog server's {@code now()}) when the branch is
     * planned, before the backend copies the cluster and reads the cut, so every page stamped past the cut reached its
     * file after it. The parent's CHECKPOINT goes through {@code admin} when the parent is a database of this server.
     */
    private static InstanceCut cut(Session s, InstanceInfo branch, String parentName, Optional<ConnectionUrl> parentInstance,
                                   ConnectionUrl to, DiffOptions options, Connection admin, List<Connection> opened)
            throws SQLException {
        Optional<Path> parentDir = parentInstance.isPresent() ? Instances.dataDirectory(s, branch.parent()) : s.dataDirectory();
        InstanceCuts.Side parent = new InstanceCuts.Side("parent \"" + parentName + "\"", parentDir,
                () -> parentInstance.isPresent() ? held(opened, checkpointer(s, parentInstance.get())) : admin);
        InstanceCuts.Side branchSide = new InstanceCuts.Side("branch \"" + branch.name() + "\"",
                Optional.of(branch.dataDirectory()), () -> held(opened, checkpointer(s, to)));
        return InstanceCuts.ofBranch(s, branch, options.locator(), parent, branchSide);
    }

    /** An auto-commit connection to the cluster of {@code url}, kept between diffs like the diff's own. */
    private static Connection checkpointer(Session s, ConnectionUrl url) throws SQLException {
        return s.borrow("checkpoint:" + where(url), () -> s.connections().open(url));
    }

    /** Where {@code url} leads, as a key of the session's idle connections. */
    private static String where(ConnectionUrl url) {
        return url.host() + ":" + url.port() + "/" + url.database();
    }

    private static Connection held(List<Connection> opened, Connection c) {
        opened.add(c);
        return c;
    }

    /** The diff that makes {@code right} look like {@code left}, compared in full. */
    static Diff between(Session s, String left, String right, DiffOptions options, Appendable out, DiffFormat format) {
        ReadRepair.run(s);
        for (String name : new String[] {left, right}) {
            Names.requireLookup("database", name);
            s.read("finding database \"" + name + "\"", c -> ClusterDatabases.find(c, name).orElseThrow(() ->
                    new NotFoundException("no database named \"" + name + "\" - 'foldout databases list' shows them")));
            Connectable.require(s, name);
        }
        return run(s, right, left, () -> snapshot(s.borrow("diff:" + right, () -> prepared(s.connections().open(right)))),
                () -> snapshot(s.borrow("diff:" + left, () -> prepared(s.connections().open(left)))),
                Optional.empty(), Optional.empty(), "", options, out, format);
    }

    /** Makes an instance branch's cut with the catalog connection; the connections it opens go into {@code opened}. */
    @FunctionalInterface
    interface CutMaker {
        InstanceCut make(Connection admin, List<Connection> opened) throws SQLException;
    }

    private static Diff run(Session s, String parent, String branch, IdleConnections.Opener parentSide,
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
    private interface Producer {
        void write(DiffSink sink) throws SQLException;
    }

    /** Runs {@code producer} into the diff object, and into {@code out} in {@code format} when it is not null. */
    private static Diff collect(Session s, String what, DiffOptions options, Appendable out, DiffFormat format,
                                Producer producer) {
        CollectedDiff diff = new CollectedDiff(d -> applyCollected(s, d), keeps(options, out));
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

    private static ApplyResult applyCollected(Session s, CollectedDiff d) {
        return apply(s, new StringReader(d.toSql()), "made by this session", d.applyOptions());
    }

    /** Applies a diff file. */
    static ApplyResult apply(Session s, Reader in, String source, ApplyOptions options) {
        DiffFile file = DiffFile.read(in, source);
        String target = options.target().isEmpty() ? file.header().parent() : options.target();
        Names.requireLookup("database", target);
        s.read("finding database \"" + target + "\"", c -> ClusterDatabases.find(c, target).orElseThrow(() ->
                new NotFoundException("no database named \"" + target + "\" to apply the diff to - 'foldout databases list' "
                        + "shows them")));
        try (Connection c = s.connections().open(target)) {
            return Applier.apply(c, target, file, options);
        } catch (SQLException e) {
            throw new FoldoutException("could not apply the diff to \"" + target + "\": " + e.getMessage(), e);
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
