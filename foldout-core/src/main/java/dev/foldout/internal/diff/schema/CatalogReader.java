package dev.foldout.internal.diff.schema;

import dev.foldout.internal.diff.schema.Model.Column;
import dev.foldout.internal.diff.schema.Model.Constraint;
import dev.foldout.internal.diff.schema.Model.Extension;
import dev.foldout.internal.diff.schema.Model.Function;
import dev.foldout.internal.diff.schema.Model.Index;
import dev.foldout.internal.diff.schema.Model.Other;
import dev.foldout.internal.diff.schema.Model.Policy;
import dev.foldout.internal.diff.schema.Model.Relation;
import dev.foldout.internal.diff.schema.Model.Schema;
import dev.foldout.internal.diff.schema.Model.Sequence;
import dev.foldout.internal.diff.schema.Model.Trigger;
import dev.foldout.internal.diff.schema.Model.Type;
import dev.foldout.internal.diff.schema.Model.ViewDep;
import dev.foldout.internal.sql.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads one side's catalog with all of {@link CatalogQueries#BATCH} in a single round trip. */
final class CatalogReader {
    private CatalogReader() {
    }

    static Catalog read(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try {
                st.execute(String.join(";\n", CatalogQueries.BATCH));
                int version = one(st, rs -> rs.getInt(3)).get(0);
                Catalog cat = new Catalog(version,
                        next(st, rs -> new Schema(rs.getLong(1), rs.getString(2), rs.getString(3), list(rs, 4), rs.getString(5))),
                        next(st, rs -> new Extension(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5))),
                        next(st, CatalogReader::type),
                        next(st, CatalogReader::sequence),
                        next(st, CatalogReader::relation),
                        next(st, CatalogReader::column),
                        next(st, rs -> new Constraint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4).charAt(0),
                                rs.getString(5), rs.getLong(6), rs.getString(7))),
                        next(st, rs -> new Index(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7))),
                        next(st, rs -> new Function(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                list(rs, 10), rs.getString(11), rs.getString(12))),
                        next(st, rs -> new Trigger(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5).charAt(0), rs.getString(6))),
                        next(st, rs -> new Policy(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
                                rs.getString(5).charAt(0), list(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9))),
                        next(st, rs -> new ViewDep(rs.getLong(1), rs.getLong(2), rs.getInt(3))),
                        next(st, rs -> new Other(rs.getString(1), rs.getString(2), rs.getString(3))));
                next(st, rs -> null);
                return cat;
            } catch (SQLException e) {
                if (c.getAutoCommit()) {
                    try {
                        Jdbc.execute(c, CatalogQueries.RESTORE_PATH);
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }
    }

    private static Type type(ResultSet rs) throws SQLException {
        return new Type(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0), rs.getString(5),
                list(rs, 6), rs.getString(7), list(rs, 8), longs(rs, 9), list(rs, 10), list(rs, 11), rs.getString(12),
                rs.getBoolean(13), rs.getString(14), rs.getString(15), list(rs, 16), list(rs, 17), rs.getLong(18));
    }

    private static Sequence sequence(ResultSet rs) throws SQLException {
        long last = rs.getLong(11);
        Long lastValue = rs.wasNull() ? null : last;
        String ownerKind = rs.getString(15);
        return new Sequence(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getBoolean(10), lastValue,
                rs.getString(12).charAt(0), rs.getLong(13), rs.getInt(14), ownerKind == null ? 0 : ownerKind.charAt(0),
                rs.getString(16), list(rs, 17), rs.getString(18));
    }

    private static Relation relation(ResultSet rs) throws SQLException {
        return new Relation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
                rs.getString(5).charAt(0), rs.getString(6), rs.getBoolean(7), rs.getLong(8), rs.getString(9),
                rs.getString(10), rs.getBoolean(11), rs.getBoolean(12), list(rs, 13), viewDef(rs.getString(14)),
                rs.getString(15), list(rs, 16), rs.getString(17), list(rs, 18), rs.getString(19).charAt(0), rs.getString(20));
    }

    private static Column column(ResultSet rs) throws SQLException {
        return new Column(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getString(6), chr(rs.getString(7)), chr(rs.getString(8)), rs.getString(9), rs.getInt(10),
                rs.getLong(11), rs.getLong(12), list(rs, 13), rs.getString(14), list(rs, 15), rs.getString(16),
                rs.getString(17));
    }

    private static String viewDef(String def) {
        if (def == null) {
            return null;
        }
        String s = def.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s;
    }

    private static char chr(String s) {
        return s == null || s.isEmpty() ? 0 : s.charAt(0);
    }

    private static List<String> list(ResultSet rs, int col) throws SQLException {
        Array a = rs.getArray(col);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private static List<Long> longs(ResultSet rs, int col) throws SQLException {
        Array a = rs.getArray(col);
        return a == null ? List.of() : Arrays.asList((Long[]) a.getArray());
    }

    private static <T> List<T> one(Statement st, Jdbc.RowMapper<T> m) throws SQLException {
        return rows(st.getResultSet(), m);
    }

    private static <T> List<T> next(Statement st, Jdbc.RowMapper<T> m) throws SQLException {
        if (!st.getMoreResults()) {
            throw new SQLException("the catalog batch returned fewer results than queries");
        }
        return rows(st.getResultSet(), m);
    }

    private static <T> List<T> rows(ResultSet rs, Jdbc.RowMapper<T> m) throws SQLException {
        try (rs) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(m.map(rs));
            }
            return out;
        }
    }
}
