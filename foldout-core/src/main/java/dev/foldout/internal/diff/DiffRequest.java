package dev.foldout.internal.diff;

import dev.foldout.DiffOptions;
import dev.foldout.Lsn;
import dev.foldout.internal.diff.locate.InstanceCut;
import dev.foldout.internal.diff.locate.WalBlocksMemo;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;

/**
 * One diff to make. The two connections are the engine's to use: each in a read-only REPEATABLE READ
 * transaction (one consistent snapshot per side), search path {@code pg_catalog}; DiffRun opens them.
 *
 * @param parent      the database the SQL is applied to (the parent, or RIGHT)
 * @param branch      the database the SQL reproduces (the branch, or LEFT)
 * @param from        a connection to {@code parent}
 * @param to          a connection to {@code branch}
 * @param admin       an auto-commit connection to the cluster, for CHECKPOINT and the WAL functions
 * @param base        the branch point when {@code branch} is a branch of {@code parent} in the same cluster
 * @param cut         where the two clusters part when {@code branch} is an instance branch of {@code parent}; with
 *                    neither this nor {@code base}, every table is compared in full
 * @param dataDir     the cluster's data directory, when on this host
 * @param serverMajor the server's major version
 * @param options     the caller's options
 * @param noBase      when {@code base} and {@code cut} are empty, why (the diff reports it for every table)
 * @param quiet       what the session's earlier diffs learned of quiet branches; this diff adds to it
 * @param walBlocks   what the session's earlier diffs read of the WAL; this diff adds to it
 */
public record DiffRequest(String parent, String branch, Connection from, Connection to, Connection admin,
                          Optional<Base> base, Optional<InstanceCut> cut, Optional<Path> dataDir, int serverMajor, DiffOptions options, String noBase,
                          QuietBranches quiet, WalBlocksMemo walBlocks) {

    /**
     * Where the branch started.
     *
     * @param lsn   the WAL position right after the copy
     * @param quiet the moment both databases were still closed to sessions, past the copy
     * @param xid   the first transaction ID given out after the copy, when recorded: the parent's rows written by
     *              later transactions are its own work, which a two-way diff reports (see {@link ParentWork})
     * @param walOf the database whose WAL stands for the current side's writes since {@code lsn}, when it is not
     *              that side's own: a merge base copied from the branch at a merge holds what the branch wrote since
     *              its branch point, which the WAL records under the branch's OID (its pages carry their LSNs along)
     */
    public record Base(Lsn lsn, Instant quiet, java.util.OptionalLong xid, java.util.OptionalLong walOf) {
        /** A branch point whose transaction ID is not known (or not needed: a three-way diff). */
        public Base(Lsn lsn, Instant quiet) {
            this(lsn, quiet, java.util.OptionalLong.empty());
        }

        /** A branch point whose current side's writes are in its own WAL. */
        public Base(Lsn lsn, Instant quiet, java.util.OptionalLong xid) {
            this(lsn, quiet, xid, java.util.OptionalLong.empty());
        }
    }

    /** The mode of a diff of a branch against its parent. */
    public static final String TWO_WAY = "2-way";

    /** {@code 2-way} for a branch against its parent (in its cluster or another), else {@code full-scan}. */
    public String mode() {
        return base.isPresent() || cut.isPresent() ? TWO_WAY : "full-scan";
    }
}
