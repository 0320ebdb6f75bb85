package dev.foldout.internal.diff.schema;

import dev.foldout.internal.diff.schema.Model.Sequence;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cheap signature of one database's schema: the number and the transaction ids of the catalog rows of user
 * objects (OID 16384 and up, read through the catalogs' OID indexes), plus every sequence's position. Any DDL
 * writes new catalog row versions and so changes it; VACUUM FREEZE may change it too, which only costs a re-read.
 * The query text never changes, so the driver keeps it prepared on the server and it is not planned again.
 */
record Fingerprint(String database, String signature, Map<Long, Long> sequenceValues, String user) {
    private static final String SQL = "SELECT (SELECT system_identifier FROM pg_control_system())::text || '/' || d.oid,"
            + " (SELECT count(*) || ':' || sum(x.v::text::int8) FROM ("
            + " SELECT xmin AS v FROM pg_namespace"
            + " UNION ALL SELECT xmin FROM pg_class WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_attribute WHERE attrelid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_attrdef WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_type WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_enum WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_constraint WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_index WHERE indexrelid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_proc WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_trigger WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_policy WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_rewrite WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_description WHERE objoid >= 16384 OR classoid = 'pg_namespace'::regclass"
            + " UNION ALL SELECT xmin FROM pg_sequence WHERE seqrelid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_inherits WHERE inhrelid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_extension"
            + " UNION ALL SELECT xmin FROM pg_collation WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_operator WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_cast WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_ts_config WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_ts_dict WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_statistic_ext WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_publication"
            + " UNION ALL SELECT xmin FROM pg_event_trigger"
            + " UNION ALL SELECT xmin FROM pg_foreign_data_wrapper"
            + " UNION ALL SELECT xmin FROM pg_foreign_server"
            + " UNION ALL SELECT xmin FROM pg_language WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_am WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_opclass WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_opfamily WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_conversion WHERE oid >= 16384"
            + " UNION ALL SELECT xmin FROM pg_transform"
            + " UNION ALL SELECT xmin FROM pg_default_acl"
            + " UNION ALL SELECT xmin FROM pg_seclabel"
            + " ) x), ARRAY(SELECT s.seqrelid::int8 FROM pg_sequence s ORDER BY 1),"
            + " ARRAY(SELECT pg_sequence_last_value(s.seqrelid) FROM pg_sequence s ORDER BY s.seqrelid), current_user"
            + " FROM pg_database d WHERE d.datname = current_database()";

    static Fingerprint read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
            rs.next();
            Map<Long, Long> values = new HashMap<>();
            Long[] oids = longs(rs.getArray(3));
            Long[] last = longs(rs.getArray(4));
            for (int i = 0; i < oids.length; i++) {
                values.put(oids[i], last[i]);
            }
            return new Fingerprint(c.getMetaData().getURL() + "#" + rs.getString(1), rs.getString(2), values,
                    rs.getString(5));
        }
    }

    private static Long[] longs(Array a) throws SQLException {
        return a == null ? new Long[0] : (Long[]) a.getArray();
    }

    /** The database and its schema's signature: the same string, the same schema (sequence positions aside). */
    String version() {
        return database + '\0' + signature;
    }

    /** {@code cat} with the sequence positions of this fingerprint. */
    Catalog refresh(Catalog cat) {
        List<Sequence> seqs = new ArrayList<>();
        for (Sequence s : cat.sequences()) {
            seqs.add(new Sequence(s.oid(), s.schema(), s.name(), s.dataType(), s.start(), s.increment(), s.min(), s.max(),
                    s.cache(), s.cycle(), sequenceValues.get(s.oid()), s.persistence(), s.ownerTable(), s.ownerColumn(),
                    s.ownerKind(), s.owner(), s.acl(), s.comment()));
        }
        return new Catalog(cat.serverVersion(), cat.schemas(), cat.extensions(), cat.types(), seqs, cat.relations(),
                cat.columns(), cat.constraints(), cat.indexes(), cat.functions(), cat.triggers(), cat.policies(),
                cat.viewDeps(), cat.others());
    }
}
