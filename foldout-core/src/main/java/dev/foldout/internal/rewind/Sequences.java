package dev.foldout.internal.rewind;

import dev.foldout.internal.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

/** A sequence's position - its last value and whether it was called - read and set back. */
final class Sequences {
    private Sequences() {
    }

    /** {last_value, is_called} of {@code seq} on {@code c}, as text. */
    static String[] position(Connection c, ParentLayout.Sequence seq) throws SQLException {
        return Jdbc.queryOne(c, "select last_value::text, is_called::text from " + seq.relation(),
                rs -> new String[] {rs.getString(1), rs.getString(2)}).orElseThrow();
    }

    /** Sets {@code seq} on {@code c} to {@code position}. */
    static void set(Connection c, ParentLayout.Sequence seq, String[] position) throws SQLException {
        Jdbc.queryOne(c, "select pg_catalog.setval(?::bigint::oid::regclass, ?::bigint, ?::boolean)", rs -> rs.getString(1),
                seq.oid(), position[0], position[1]);
    }
}
