package dev.foldout.internal.diff.locate;

import dev.foldout.Lsn;
import dev.foldout.internal.diff.rows.Leaf;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a locator is asked: the leaves of both sides (a branch and its parent in one cluster) whose blocks
 * changed since the branch was made.
 *
 * @param admin       an auto-commit connection to the cluster (CHECKPOINT, WAL functions)
 * @param fromDb      the current side's database OID
 * @param toDb        the desired side's database OID
 * @param since       the branch's LSN
 * @param quietBefore files last modified before this were not written since the branch
 * @param dataDir     the cluster's data directory, when it is on this host
 * @param serverMajor the server's major version
 * @param fromLeaves  the current side's leaves to locate
 * @param toLeaves    the desired side's leaves to locate
 * @param memo        what earlier diffs of the session read of the WAL
 */
public record LocateRequest(Connection admin, long fromDb, long toDb, Lsn since, Instant quietBefore,
                            Optional<Path> dataDir, int serverMajor, List<Leaf> fromLeaves, List<Leaf> toLeaves,
                            WalBlocksMemo memo) {
    /** Copies the lists. */
    public LocateRequest {
        fromLeaves = List.copyOf(fromLeaves);
        toLeaves = List.copyOf(toLeaves);
    }
}
