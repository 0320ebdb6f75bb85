package dev.foldout.junit5.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The extension's few SQL calls: values are bind parameters, SQL text holds constants and identifiers quoted by
 * {@link dev.foldout.Identifiers}. (Its own: extensions use foldout-api only, not foldout-core's internals.)
 */
final class Sql {
    private Sql() {
    }

    /** Reads one row. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs a statement without parameters (DDL, a comment). */
    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Every row of a query. */
    static <T> List<T> rows(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = bound(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        }
    }

    /** The first row of a query, if there is one (a NULL read as empty). */
    static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> all = rows(c, sql, row, params);
        return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
    }

    private static PreparedStatement bound(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
