package dev.foldout.internal;

import dev.foldout.NotFoundException;
import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.internal.catalog.RefStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Catalog reads for the handles, through the session's shared connection. */
final class Refs {
    private Refs() {
    }

    static Optional<RefInfo> find(Session s, RefKind kind, String name) {
        Names.requireLookup(kind.name().toLowerCase(Locale.ROOT), name);
        return s.read("reading the catalog", c -> RefStore.find(c, name)).filter(r -> r.kind() == kind);
    }

    static RefInfo require(Session s, RefKind kind, String name) {
        return find(s, kind, name).orElseThrow(() -> notFound(kind, name));
    }

    static NotFoundException notFound(RefKind kind, String name) {
        String noun = kind == RefKind.BRANCH ? "branch" : "snapshot";
        return new NotFoundException("no " + noun + " named \"" + name + "\" - " + (kind == RefKind.BRANCH ? Fixes.BRANCHES : Fixes.SNAPSHOTS)
                + " shows them");
    }

    /** The entries of a kind, after repairing what dead processes left (a half-made copy must not be listed). */
    static List<RefInfo> list(Session s, RefKind kind) {
        Repairs.beforeRead(s);
        return s.read("listing the catalog", c -> RefStore.list(c, kind));
    }
}
