package dev.foldout.internal.diff.rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One side's rows read a batch at a time through a cursor (the connection is in a transaction), each as the
 * texts of its columns. Nothing but the current batch is held.
 */
final class RowStream implements AutoCloseable {
    private static final int FETCH = 2_000;

    private final PreparedStatement statement;
    private final ResultSet rows;
    private final int width;

    private RowStream(PreparedStatement statement, ResultSet rows) throws SQLException {
        this.statement = statement;
        this.rows = rows;
        this.width = rows.getMetaData().getColumnCount();
    }

    /** Runs {@code query} on {@code c}; an empty stream if {@code c} is null. */
    static RowStream open(Connection c, RowQueries.Query query) throws SQLException {
        if (c == null) {
            return null;
        }
        PreparedStatement ps = c.prepareStatement(query.sql());
        try {
            ps.setFetchSize(FETCH);
            Binds.set(c, ps, query.params());
            return new RowStream(ps, ps.executeQuery());
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** The next row's column texts, or null at the end. */
    String[] next() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        String[] out = new String[width];
        for (int i = 0; i < width; i++) {
            out[i] = rows.getString(i + 1);
        }
        return out;
    }

    @Override
    public void close() throws SQLException {
        try {
            rows.close();
        } finally {
            statement.close();
        }
    }
}
