package dev.foldout.spi;

import dev.foldout.ProgressListener;
import dev.foldout.ServerInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;

/** What a {@link BranchBackend} may use: a connection to the server, facts about it, and a progress listener. */
public interface BackendContext {

    /**
     * A connection to the server, to a database other than the ones being copied, in auto-commit mode.
     * Owned by Foldout: do not close it.
     */
    Connection connection();

    /** The server's version and settings. */
    ServerInfo server();

    /** The server's data directory as visible from this host, if it is on this host. */
    Optional<Path> dataDirectory();

    /** Told of each step, for a progress display. */
    ProgressListener progress();

    /**
     * Says that the copy's files are all written. A backend that still reads the copy after making it (its extents, to
     * report whether it was cloned) calls this first: Foldout waits a few milliseconds after every copy before it opens
     * the source again, and the time after this call counts toward that wait. Optional: without it, the wait starts when
     * {@link BranchBackend#copy} returns.
     */
    default void copyWritten() {
    }
}
