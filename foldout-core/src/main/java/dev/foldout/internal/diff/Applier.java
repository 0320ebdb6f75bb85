package dev.foldout.internal.diff;

import dev.foldout.ApplyOptions;
import dev.foldout.ApplyResult;
import dev.foldout.FoldoutException;
import dev.foldout.internal.diff.output.DiffFile;
import dev.foldout.internal.diff.output.SqlWriter;
import dev.foldout.internal.sql.Jdbc;
import dev.foldout.internal.sql.TextSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a checked diff file to a database in one transaction. Before anything runs it refuses a database that
 * is not the one the diff was made for (another OID under the name) and one whose schema changed since; while the
 * rows run, every UPDATE and DELETE must hit exactly the row it was made for (its guard checks the row is as the
 * diff saw it). Any failure rolls everything back and names the line. {@code force} skips those checks: rows
 * changed since are then left as they are.
 */
public final class Applier {
    private static final int BATCH = 1_000;

    private Applier() {
    }

    /** Applies {@code file} through {@code c}, a connection to {@code target} in auto-commit mode. */
    public static ApplyResult apply(Connection c, String target, DiffFile file, ApplyOptions options) {
        long start = System.nanoTime();
        DiffHeader h = file.header();
        try {
            if (!options.force()) {
                checkTarget(c, target, h);
                checkParentOwn(target, h);
            }
            c.setAutoCommit(false);
            try {
                TextSettings.inTransaction(c); // the values' texts read back as they were written
                if (!options.force()) {
                    checkSchema(c, target, h);
                }
                long rows = run(c, target, file, options.force());
                c.commit();
                return new ApplyResult(target, file.statements().size(), rows, Duration.ofNanos(System.nanoTime() - start));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new FoldoutException("could not apply the diff to \"" + target + "\": " + e.getMessage()
                    + " (nothing was changed)", e);
        }
    }

    private static void checkTarget(Connection c, String target, DiffHeader h) throws SQLException {
        long oid = Long.parseLong(Jdbc.string(c, "select oid::text from pg_database where datname = current_database()"));
        if (target.equals(h.parent()) && oid != h.parentOid()) {
            throw new FoldoutException("the diff was made for database \"" + h.parent() + "\" with OID " + h.parentOid()
                    + ", but \"" + target + "\" here has OID " + oid + " (another database of that name): nothing was changed; "
                    + "apply with force (ApplyOptions.withForce(true)) if it is the right one");
        }
    }

    private static void checkParentOwn(String target, DiffHeader h) {
        if (h.parentOwn().undoesParentWork()) {
            throw new FoldoutException("the diff would undo " + h.parentOwn().describe() + " that \"" + target
                    + "\" changed since \"" + h.branch() + "\" was made (a two-way diff makes it equal to the branch): "
                    + "nothing was changed; merge the branch instead (Branch.merge), or apply with force (ApplyOptions.withForce(true)) "
                    + "(ApplyOptions force true) to overwrite them");
        }
    }

    private static void checkSchema(Connection c, String target, DiffHeader h) throws SQLException {
        String path = Jdbc.string(c, "select current_setting('search_path')");
        Jdbc.string(c, "select set_config('search_path', 'pg_catalog', true)");
        String now = SchemaFingerprint.of(c);
        Jdbc.queryOne(c, "select set_config('search_path', ?, true)", rs -> null, path);
        if (!now.equals(h.parentSchema())) {
            throw new FoldoutException("the schema of \"" + target + "\" changed since the diff was made: nothing was changed; "
                    + "make the diff again, or apply with force (ApplyOptions.withForce(true))");
        }
    }

    private static long run(Connection c, String target, DiffFile file, boolean force) throws SQLException {
        ForeignKeys.Collector written = new ForeignKeys.Collector();
        long rows = 0;
        boolean inRows = false;
        List<DiffFile.Line> batch = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            for (DiffFile.Line line : file.statements()) {
                if (line.sql().equals(SqlWriter.ROWS_BEGIN)) {
                    execute(st, line, "switching triggers off for the rows needs a superuser, or SET privilege on "
                            + "session_replication_role (GRANT SET ON PARAMETER session_replication_role TO role)");
                    inRows = true;
                } else if (line.sql().equals(SqlWriter.ROWS_END)) {
                    rows += flush(st, batch, force);
                    execute(st, line, "");
                    inRows = false;
                } else if (inRows) {
                    written.add(line.sql());
                    st.addBatch(line.sql());
                    batch.add(line);
                    if (batch.size() >= BATCH) {
                        rows += flush(st, batch, force);
                    }
                } else {
                    execute(st, line, "");
                }
            }
            rows += flush(st, batch, force);
        }
        ForeignKeys.check(c, written.tables()); // the rows ran with foreign-key triggers off: none may be broken
        return rows;
    }

    private static void execute(Statement st, DiffFile.Line line, String hint) throws SQLException {
        try {
            st.execute(line.sql());
        } catch (SQLException e) {
            throw new SQLException("line " + line.number() + " failed: " + e.getMessage().lines().findFirst().orElse("")
                    + (hint.isEmpty() || !"42501".equals(e.getSQLState()) ? "" : " — " + hint), e.getSQLState(), e);
        }
    }

    private static long flush(Statement st, List<DiffFile.Line> batch, boolean force) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        Connection c = st.getConnection();
        Savepoint before = c.setSavepoint();
        int[] counts;
        try {
            counts = st.executeBatch();
        } catch (java.sql.BatchUpdateException e) {
            // the driver marks every statement of a failed batch as failed: they run again one by one from before the
            // batch, and the first that fails is the line named
            st.clearBatch();
            c.rollback(before);
            for (DiffFile.Line line : batch) {
                execute(st, line, "");
            }
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new SQLException("lines " + batch.get(0).number() + " to " + batch.get(batch.size() - 1).number()
                    + " failed together: " + cause.getMessage().lines().findFirst().orElse(""), cause.getSQLState(), e);
        }
        c.releaseSavepoint(before);
        long rows = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 1 && !force) {
                throw new SQLException("line " + batch.get(i).number() + " changed " + counts[i] + " rows instead of 1: the row "
                        + "it is for changed since the diff was made; make the diff again, or apply with force (ApplyOptions.withForce(true))", "40001");
            }
            rows += Math.max(counts[i], 0);
        }
        batch.clear();
        return rows;
    }
}
