package dev.foldout.internal.diff.rows;

import dev.foldout.internal.sql.BothSides;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Future;

/**
 * One side's rows read a batch at a time through a cursor (the connection is in a transaction), each as the
 * texts of its columns. Nothing but the current batch is held.
 */
final class RowStream implements Rows {
    private static final int FETCH = 8_192;

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

    /**
     * A stream per side. Small reads open at the same time, each side's server sorting its rows while the other
     * does; large ones one after the other, as before this was added: their sorts spill to disk, and two at once
     * would compete for it (not measured to be faster at once; the spread case of DiffHarness is the one to try).
     */
    record Both(Rows from, Rows to) implements AutoCloseable {
        /** Past this many blocks on a side, the sides are opened in turn. */
        static final long PARALLEL_BLOCKS = 16_384;

        /**
         * Runs {@code fromQuery} on {@code from} and {@code toQuery} on {@code to}, at once when {@code small};
         * either side may be null.
         */
        static Both open(Connection from, RowQueries.Query fromQuery, Connection to, RowQueries.Query toQuery, boolean small)
                throws SQLException {
            if (!small) {
                RowStream first = RowStream.open(from, fromQuery);
                try {
                    return new Both(first, RowStream.open(to, toQuery));
                } catch (SQLException | RuntimeException e) {
                    closeQuietly(first);
                    throw e;
                }
            }
            Future<RowStream> other = BothSides.start(() -> RowStream.open(from, fromQuery));
            RowStream mine;
            try {
                mine = RowStream.open(to, toQuery);
            } catch (SQLException | RuntimeException e) {
                try {
                    closeQuietly(BothSides.join(other));
                } catch (SQLException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            try {
                return new Both(BothSides.join(other), mine);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(mine);
                throw e;
            }
        }

        /** Both sides read ahead on threads of their own (see {@link PrefetchedRows}). */
        Both prefetched() {
            return new Both(PrefetchedRows.of(from), PrefetchedRows.of(to));
        }

        @Override
        public void close() throws SQLException {
            try {
                if (from != null) {
                    from.close();
                }
            } finally {
                if (to != null) {
                    to.close();
                }
            }
        }

        private static void closeQuietly(RowStream s) {
            try {
                if (s != null) {
                    s.close();
                }
            } catch (SQLException ignored) {
                // the stream's connection failed already: its error is the one reported
            }
        }
    }

    @Override
    public String[] next() throws SQLException {
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
