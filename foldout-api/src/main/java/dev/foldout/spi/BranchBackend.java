package dev.foldout.spi;

import dev.foldout.BackendStatus;
import dev.foldout.CopyReport;

/**
 * Copies a database inside its cluster: the mechanism behind snapshots and branches. Found with
 * {@link java.util.ServiceLoader}; chosen by name, or the available one of highest {@link #priority()}.
 *
 * <p>Foldout calls {@link #copy} with the source locked: no session is connected to it and none can
 * connect until the copy returns. The target name is free. A backend that fails must leave no target
 * database and no files behind.
 */
public interface BranchBackend {

    /** The backend's name, as users select it ({@code --backend NAME}). Lower case, no spaces. */
    String name();

    /** Preference when no backend is named: the available backend with the highest number is used. */
    int priority();

    /** Whether this backend can run against the context's server, and if not, why. */
    BackendStatus status(BackendContext context);

    /** Copies database {@code source} to a new database {@code target}, and reports the path it took. */
    CopyReport copy(BackendContext context, String source, String target);
}
