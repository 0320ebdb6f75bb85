package dev.foldout.internal.diff.rows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Binds the row diff's parameters: arrays of block numbers ({@code int8[]}) and of key texts ({@code text[]}), and
 * texts (the fast defaults of added columns).
 */
final class Binds {
    private Binds() {
    }

    static void set(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof long[] blocks) {
                Long[] boxed = new Long[blocks.length];
                for (int j = 0; j < blocks.length; j++) {
                    boxed[j] = blocks[j];
                }
                ps.setArray(i + 1, c.createArrayOf("int8", boxed));
            } else if (p instanceof String[] texts) {
                ps.setArray(i + 1, c.createArrayOf("text", texts));
            } else if (p instanceof String text) {
                ps.setString(i + 1, text);
            } else {
                throw new IllegalArgumentException("unexpected parameter " + p);
            }
        }
    }
}
