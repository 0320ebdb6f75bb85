package dev.foldout.internal.merge;

import dev.foldout.MergeConflict;
import dev.foldout.MergeResolution;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a merge's statements on the parent, row statements in pipelined batches. A statement the server refuses (a
 * constraint the merged data breaks, a name taken) ends the merge: it becomes a {@link MergeConflict.Kind#CONSTRAINT}
 * conflict naming the statement's object and the server's message, and nothing more runs. A row statement that does
 * not hit the one row it was planned for means the parent changed under the merge: an error, never a guess.
 */
final class Executor {
    private static final int BATCH = 1_000;

    private final Connection c;
    private final boolean record;
    private final StringBuilder sql = new StringBuilder();
    private final List<Pending> batch = new ArrayList<>();
    private Statement st;
    private boolean broken;

    /** A row statement: its SQL, the table it writes, and whether it must change exactly one row. */
    record Pending(String sql, String object, boolean exactlyOne) {
    }

    Executor(Connection c, boolean record) {
        this.c = c;
        this.record = record;
    }

    /** Queues a row statement on {@code object}; {@code exactlyOne}: it must change exactly one row, else none or one. */
    void statement(String statement, String object, boolean exactlyOne, List<ThreeWay.Found> conflicts) {
        if (broken) {
            return;
        }
        batch.add(new Pending(statement, object, exactlyOne));
        if (batch.size() >= BATCH) {
            try {
                flush(conflicts);
            } catch (SQLException e) {
                throw new MergeFailure(e);
            }
        }
    }

    /** Queues a row statement made earlier. */
    void statement(Pending p, List<ThreeWay.Found> conflicts) {
        statement(p.sql(), p.object(), p.exactlyOne(), conflicts);
    }

    /** Whether statements are kept for the report (a dry run). */
    boolean recording() {
        return record;
    }

    /** Runs a batch of rows as one statement, after the queued ones. */
    void bulk(Bulk b, List<ThreeWay.Found> conflicts) {
        if (broken || b.expected() == 0) {
            return;
        }
        try {
            flush(conflicts);
            if (broken) {
                return;
            }
            b.readable().forEach(this::keep);
            int changed;
            try (java.sql.PreparedStatement ps = c.prepareStatement(b.sql())) {
                for (int i = 0; i < b.arrays().size(); i++) {
                    ps.setArray(i + 1, c.createArrayOf("text", b.arrays().get(i)));
                }
                changed = ps.executeUpdate();
            } catch (SQLException e) {
                refused(e, b.object(), b.readable().isEmpty() ? b.sql() : b.readable().get(0), conflicts);
                return;
            }
            if (changed != b.expected()) {
                throw new SQLException("a merge's write to " + b.object() + " changed " + changed + " rows instead of "
                        + b.expected() + ": the parent changed under the merge although its rows were locked", "40001");
            }
        } catch (SQLException e) {
            throw new MergeFailure(e);
        }
    }

    /** Runs a schema statement, after the queued rows. */
    void ddl(String statement, List<ThreeWay.Found> conflicts) {
        if (broken) {
            return;
        }
        try {
            flush(conflicts);
            if (broken) {
                return;
            }
            keep(statement);
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            refused(e, "schema", statement, conflicts);
        }
    }

    /** Runs the queued row statements. */
    void flush(List<ThreeWay.Found> conflicts) throws SQLException {
        if (batch.isEmpty() || broken) {
            batch.clear();
            return;
        }
        if (st == null) {
            st = c.createStatement();
        }
        for (Pending p : batch) {
            keep(p.sql());
            st.addBatch(p.sql());
        }
        int[] counts;
        try {
            counts = st.executeBatch();
        } catch (BatchUpdateException e) {
            int[] done = e.getUpdateCounts() == null ? new int[0] : e.getUpdateCounts();
            int at = 0;
            while (at < done.length && at < batch.size() - 1 && done[at] != Statement.EXECUTE_FAILED) {
                at++;
            }
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            Pending p = batch.get(at);
            batch.clear();
            refused(cause, p.object(), p.sql(), conflicts);
            return;
        }
        for (int i = 0; i < counts.length; i++) {
            Pending p = batch.get(i);
            if (counts[i] > 1 || p.exactlyOne() && counts[i] != 1) {
                batch.clear();
                throw new SQLException("the statement '" + p.sql() + "' changed " + counts[i] + " rows instead of 1: the parent "
                        + "changed under the merge although its rows were locked", "40001");
            }
        }
        batch.clear();
    }

    private void refused(SQLException e, String object, String statement, List<ThreeWay.Found> conflicts) {
        broken = true;
        String message = e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " ").trim();
        MergeConflict conflict = new MergeConflict(MergeConflict.Kind.CONSTRAINT, object, "", "", null, null, null,
                "the merged data is refused by the parent: " + message + " (statement: " + abbreviate(statement) + ")");
        conflicts.add(new ThreeWay.Found(conflict, MergeResolution.FAIL));
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 200 ? one.substring(0, 197) + "..." : one;
    }

    private void keep(String statement) {
        if (record) {
            sql.append(statement).append('\n');
        }
    }

    /** Whether a statement was refused: the transaction is lost and only a rollback follows. */
    boolean broken() {
        return broken;
    }

    /** The statements run, one per line, when recorded. */
    String sql() {
        return sql.toString();
    }
}
