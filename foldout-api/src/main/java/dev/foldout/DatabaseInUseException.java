package dev.foldout;

import java.util.List;

/**
 * Other sessions are connected to a database that must be idle for the operation (it is copied,
 * renamed or dropped). {@link #blockers()} names each; run again with force to terminate them.
 */
public class DatabaseInUseException extends FoldoutException {
    private static final long serialVersionUID = 1L;

    private final String database;
    private final transient List<SessionInfo> blockers;

    /** Creates the exception for {@code database}, held by {@code blockers}. */
    public DatabaseInUseException(String database, List<SessionInfo> blockers, String fix) {
        super(message(database, blockers, fix));
        this.database = database;
        this.blockers = List.copyOf(blockers);
    }

    private static String message(String database, List<SessionInfo> blockers, String fix) {
        StringBuilder sb = new StringBuilder("database \"").append(database).append("\" is in use by ")
                .append(blockers.size()).append(blockers.size() == 1 ? " session: " : " sessions: ");
        for (int i = 0; i < blockers.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(blockers.get(i).describe());
        }
        return sb.append(" - ").append(fix).toString();
    }

    /** The database that is in use. */
    public String database() {
        return database;
    }

    /** The sessions that hold it, as seen when the operation was refused. */
    public List<SessionInfo> blockers() {
        return blockers == null ? List.of() : blockers;
    }
}
