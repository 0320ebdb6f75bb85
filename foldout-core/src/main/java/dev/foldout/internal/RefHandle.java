package dev.foldout.internal;

import dev.foldout.RefInfo;
import dev.foldout.RefKind;
import dev.foldout.internal.ops.DropOperation;

/** What the snapshot and branch handles share: a catalog entry's name, its entry, and its deletion. */
abstract class RefHandle {
    final Session session;
    final String name;
    private final RefKind kind;

    RefHandle(Session session, String name, RefKind kind) {
        this.session = session;
        this.name = name;
        this.kind = kind;
    }

    public String name() {
        return name;
    }

    public RefInfo info() {
        return Refs.require(session, kind, name);
    }

    public void delete(boolean force) {
        DropOperation.deleteRef(session, kind, name, force);
    }

    @Override
    public String toString() {
        return (kind == RefKind.BRANCH ? "Branch[" : "Snapshot[") + name + "]";
    }
}
