package dev.foldout.internal.rewind;

import dev.foldout.Lsn;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's rewind bookkeeping: the branches it made (only those can be rewound: the session knows nothing else
 * wrote them since) and the layouts of their parents.
 */
public final class Rewinds {
    private final Map<String, RewindState> states = new ConcurrentHashMap<>();
    private final Map<Long, ParentLayout> layouts = new ConcurrentHashMap<>();
    /** Whether this session's role and server allow rewinds: null until checked. */
    volatile String refused;

    /** Records that this session made branch {@code name}, equal to its parent at {@code lsn}. */
    public void born(String name, Lsn lsn) {
        states.put(name, new RewindState(lsn));
    }

    /** Forgets branch {@code name}: a later rewind of it is not attempted. */
    public void forget(String name) {
        states.remove(name);
    }

    RewindState state(String name, Lsn born) {
        RewindState s = states.get(name);
        return s != null && s.born.equals(born) ? s : null;
    }

    ParentLayout layout(long parentOid, LayoutReader reader) throws SQLException {
        ParentLayout known = layouts.get(parentOid);
        if (known == null) {
            known = reader.read();
            layouts.put(parentOid, known);
        }
        return known;
    }

    /** Reads a parent's layout. */
    @FunctionalInterface
    interface LayoutReader {
        ParentLayout read() throws SQLException;
    }
}
