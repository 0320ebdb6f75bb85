package dev.foldout.internal.catalog;

import java.util.Objects;

/**
 * An operation in flight, as the journal records it before the first change to the server, so that a
 * later call can finish or undo it if its process dies.
 *
 * @param id            journal id
 * @param kind          what it does
 * @param source        the database copied from (locked while the operation runs)
 * @param target        the database made (snapshot, branch) or replaced (restore)
 * @param tempName      the restore's temporary copy, else null
 * @param prevName      the name the restore moves the old database to, else null
 * @param sourceAllowed {@code datallowconn} of the source before the operation
 * @param targetAllowed {@code datallowconn} of the target before a restore, else null
 */
public record Operation(long id, Kind kind, String source, String target, String tempName, String prevName,
                        Boolean sourceAllowed, Boolean targetAllowed) {

    /** What an operation does. */
    public enum Kind {
        /** Copy a database to a new snapshot. */
        SNAPSHOT,
        /** Copy a database or snapshot to a new branch. */
        BRANCH,
        /** Copy a snapshot to a temporary database and swap it in under the target's name. */
        RESTORE,
        /**
         * Take snapshot {@code target} of instance branch {@code source} in its backend's storage, then record it; a
         * dead one is repaired by the instance branches' recovery, which destroys a snapshot the catalog did not get.
         */
        INSTANCE_SNAPSHOT,
        /**
         * Merge branch {@code source} into {@code target}: {@code tempName} is the branch's new merge base, copied first;
         * {@code prevName} the base it replaces, dropped last. A dead one drops the new base unless the catalog already
         * records it, else the old one.
         */
        MERGE,
        /**
         * Reset or rebase branch {@code target} onto its parent {@code source}: {@code tempName} is the fresh copy
         * ({@code foldout_tmp_<suffix>}), {@code prevName} the old branch once swapped out; the new base is
         * {@code foldout_base_<suffix>} and the old one waits as {@code foldout_base_<suffix>_old}.
         */
        REBUILD,
        /**
         * Reset or rebase instance branch {@code source}: {@code target} is the fresh copy made beside it and swapped in.
         * A dead one is repaired by the instance branches' recovery, which removes the fresh copy or the old one (their
         * rows say which), then sees that the branch's server runs and its database takes sessions again.
         */
        INSTANCE_REBUILD
    }

    /** Whether the instance branches' recovery repairs this kind (the database recovery leaves it alone). */
    public boolean instanceKind() {
        return kind == Kind.INSTANCE_SNAPSHOT || kind == Kind.INSTANCE_REBUILD;
    }

    /** Validates the record. */
    public Operation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
