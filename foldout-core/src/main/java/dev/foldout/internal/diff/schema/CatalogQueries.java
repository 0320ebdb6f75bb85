package dev.foldout.internal.diff.schema;

import java.util.List;

/**
 * The catalog queries, one per object kind, sent together in one round trip with {@code search_path} set to
 * {@code pg_catalog} so that every deparsed name is schema-qualified. They hold constants only.
 */
final class CatalogQueries {
    private CatalogQueries() {
    }

    /**
     * Objects in user schemas that no extension owns. Queries also ask for OIDs from 16384 (FirstNormalObjectId):
     * everything initdb made is below, so the catalogs' OID indexes skip the system objects.
     */
    static final String USER_NSP = """
            n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'""";

    static String notExt(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend dx WHERE dx.classid = '" + catalog + "'::regclass AND dx.objid = "
                + oid + " AND dx.deptype = 'e')";
    }

    static final String SAVE_PATH = "SELECT set_config('foldout.saved_search_path', current_setting('search_path'), false),"
            + " set_config('search_path', 'pg_catalog', false), current_setting('server_version_num')::int";
    static final String RESTORE_PATH = "SELECT set_config('search_path', current_setting('foldout.saved_search_path'), false)";

    static final String SCHEMAS = "SELECT n.oid, n.nspname, pg_get_userbyid(n.nspowner),"
            + " coalesce(n.nspacl, acldefault('n', n.nspowner))::text[], obj_description(n.oid, 'pg_namespace')"
            + " FROM pg_namespace n WHERE " + USER_NSP + " AND " + notExt("pg_namespace", "n.oid") + " ORDER BY 2";

    static final String EXTENSIONS = "SELECT x.oid, x.extname, n.nspname, x.extversion, obj_description(x.oid, 'pg_extension')"
            + " FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace ORDER BY 2";

    static final String TYPES = "SELECT t.oid, n.nspname, t.typname, t.typtype, pg_get_userbyid(t.typowner),"
            + " coalesce(t.typacl, acldefault('T', t.typowner))::text[], obj_description(t.oid, 'pg_type'),"
            + " ARRAY(SELECT l.enumlabel FROM pg_enum l WHERE l.enumtypid = t.oid ORDER BY l.enumsortorder)::text[],"
            + " ARRAY(SELECT l.oid FROM pg_enum l WHERE l.enumtypid = t.oid ORDER BY l.enumsortorder)::int8[],"
            + " ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0"
            + "   AND NOT a.attisdropped ORDER BY a.attnum)::text[],"
            + " ARRAY(SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attcollation <> 0"
            + "   AND a.attcollation <> at.typcollation THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END"
            + "   FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid WHERE a.attrelid = t.typrelid"
            + "   AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[],"
            + " CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END, t.typnotnull, t.typdefault,"
            + " CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> bt.typcollation"
            + "   THEN t.typcollation::regcollation::text END,"
            + " ARRAY(SELECT c.conname FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY 1)::text[],"
            + " ARRAY(SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c'"
            + "   ORDER BY c.conname)::text[], t.typbasetype::int8"
            + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_type bt ON bt.oid = t.typbasetype"
            + " WHERE t.oid >= 16384 AND " + USER_NSP + " AND " + notExt("pg_type", "t.oid") + " AND t.typtype IN ('e', 'c', 'd', 'r', 'b')"
            + " AND (t.typtype <> 'c' OR (SELECT r.relkind FROM pg_class r WHERE r.oid = t.typrelid) = 'c')"
            + " AND NOT EXISTS (SELECT 1 FROM pg_type o WHERE o.typarray = t.oid) ORDER BY 2, 3";

    static final String SEQUENCES = "SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart,"
            + " s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, pg_sequence_last_value(c.oid), c.relpersistence,"
            + " d.refobjid::int8, d.refobjsubid, d.deptype::text, pg_get_userbyid(c.relowner),"
            + " coalesce(c.relacl, acldefault('s', c.relowner))::text[], obj_description(c.oid, 'pg_class')"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid"
            + " LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid"
            + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
            + " WHERE c.oid >= 16384 AND c.relkind = 'S' AND " + USER_NSP + " AND " + notExt("pg_class", "c.oid") + " ORDER BY 2, 3";

    static final String RELATIONS = "SELECT c.oid, n.nspname, c.relname, c.relkind::text, c.relpersistence::text,"
            + " ts.spcname, c.relispartition, (SELECT i.inhparent::int8 FROM pg_inherits i WHERE i.inhrelid = c.oid"
            + "   AND c.relispartition), CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,"
            + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, c.relrowsecurity, c.relforcerowsecurity,"
            + " c.reloptions::text[], CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,"
            + " pg_get_userbyid(c.relowner), coalesce(c.relacl, acldefault('r', c.relowner))::text[],"
            + " obj_description(c.oid, 'pg_class'), ARRAY(SELECT i.inhparent::regclass::text FROM pg_inherits i"
            + "   WHERE i.inhrelid = c.oid AND NOT c.relispartition ORDER BY i.inhseqno)::text[],"
            + " c.relreplident::text, (SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
            + "   WHERE i.indrelid = c.oid AND i.indisreplident)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace"
            + " WHERE c.oid >= 16384 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND " + USER_NSP + " AND " + notExt("pg_class", "c.oid")
            + " ORDER BY 2, 3";

    static final String COLUMNS = "SELECT a.attrelid::int8, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),"
            + " a.attnotnull, CASE WHEN a.atthasdef THEN pg_get_expr(ad.adbin, ad.adrelid) END, a.attidentity::text,"
            + " a.attgenerated::text, CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation"
            + "   THEN a.attcollation::regcollation::text END, a.attinhcount, a.atttypid::int8, t.typelem::int8,"
            + " a.attacl::text[], ds.description,"
            + " array_remove(ARRAY[CASE WHEN a.attstorage <> t.typstorage THEN 'STORAGE ' || CASE a.attstorage"
            + "   WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END END,"
            + "  CASE WHEN a.attcompression <> '' THEN 'COMPRESSION ' || CASE a.attcompression WHEN 'p' THEN 'pglz'"
            + "   ELSE 'lz4' END END,"
            + "  CASE WHEN coalesce(a.attstattarget::int, -1) >= 0 THEN 'STATISTICS ' || a.attstattarget END], NULL),"
            // the value rows written before an ADD COLUMN hold without storing it (a fast default), as the element's
            // text when the type is not an array, and the whole attmissingval as text to compare two sides
            + " CASE WHEN a.atthasmissing AND t.typcategory <> 'A' THEN array_to_string(a.attmissingval, '') END,"
            + " CASE WHEN a.atthasmissing THEN a.attmissingval::text END"
            + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
            + " LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass"
            + "   AND ds.objsubid = a.attnum"
            + " WHERE a.attrelid >= 16384 AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped AND " + USER_NSP + " AND "
            + notExt("pg_class", "c.oid") + " ORDER BY 1, 2";

    static final String CONSTRAINTS = "SELECT k.oid, k.conrelid::int8, k.conname, k.contype::text, pg_get_constraintdef(k.oid),"
            + " k.conindid::int8, ds.description"
            + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_description ds ON ds.objoid = k.oid AND ds.classoid = 'pg_constraint'::regclass"
            + " WHERE k.oid >= 16384 AND k.contype IN ('p', 'u', 'c', 'x', 'f') AND k.conparentid = 0 AND k.conislocal AND " + USER_NSP
            + " AND " + notExt("pg_class", "c.oid") + " ORDER BY 2, 3";

    static final String INDEXES = "SELECT i.indexrelid::int8, i.indrelid::int8, n.nspname, c.relname, pg_get_indexdef(i.indexrelid),"
            + " ts.spcname, obj_description(c.oid, 'pg_class')"
            + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace"
            + " WHERE i.indexrelid >= 16384 AND NOT c.relispartition AND " + USER_NSP + " AND " + notExt("pg_class", "i.indrelid")
            + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid"
            + "   AND k.contype IN ('p', 'u', 'x')) ORDER BY 3, 4";

    static final String FUNCTIONS = "SELECT p.oid, n.nspname, p.proname, p.prokind::text,"
            + " pg_get_function_identity_arguments(p.oid), CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END,"
            + " pg_get_function_arguments(p.oid), pg_get_function_result(p.oid), pg_get_userbyid(p.proowner),"
            + " coalesce(p.proacl, acldefault('f', p.proowner))::text[], obj_description(p.oid, 'pg_proc'),"
            + " quote_ident(n.nspname) || '.' || quote_ident(p.proname)"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + " WHERE p.oid >= 16384 AND " + USER_NSP + " AND " + notExt("pg_proc", "p.oid") + " ORDER BY 2, 3, 5";

    static final String TRIGGERS = "SELECT g.oid, g.tgrelid::int8, g.tgname, pg_get_triggerdef(g.oid), g.tgenabled::text,"
            + " obj_description(g.oid, 'pg_trigger')"
            + " FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE g.oid >= 16384 AND NOT g.tgisinternal AND g.tgparentid = 0 AND " + USER_NSP + " AND " + notExt("pg_class", "c.oid")
            + " ORDER BY 2, 3";

    static final String POLICIES = "SELECT p.oid, p.polrelid::int8, p.polname, p.polpermissive, p.polcmd::text,"
            + " ARRAY(SELECT coalesce(r.rolname, '') FROM unnest(p.polroles) u(id) LEFT JOIN pg_roles r ON r.oid = u.id"
            + "   ORDER BY 1)::text[], pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid),"
            + " obj_description(p.oid, 'pg_policy')"
            + " FROM pg_policy p ORDER BY 2, 3";

    /** A view's (or materialized view's) dependencies on relations and their columns. */
    static final String VIEW_DEPS = "SELECT DISTINCT r.ev_class::int8, d.refobjid::int8, d.refobjsubid"
            + " FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
            + " AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class JOIN pg_class c ON c.oid = r.ev_class"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE r.oid >= 16384 AND r.rulename = '_RETURN' AND " + USER_NSP;

    /** Everything the diff does not turn into DDL: kind, identity, and a definition to compare. */
    static final String OTHERS = String.join(" UNION ALL ", List.of(
            "SELECT 'rule', n.nspname || '.' || c.relname || '.' || r.rulename, pg_get_ruledef(r.oid)"
                    + " FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE r.oid >= 16384 AND r.rulename <> '_RETURN' AND " + USER_NSP + " AND " + notExt("pg_class", "c.oid"),
            "SELECT 'publication', p.pubname::text, p.puballtables::text || p.pubinsert::text || p.pubupdate::text"
                    + " || p.pubdelete::text || p.pubtruncate::text FROM pg_publication p",
            "SELECT 'event trigger', e.evtname::text, e.evtevent || ' ' || e.evtfoid::regproc::text || e.evtenabled::text"
                    + " FROM pg_event_trigger e WHERE " + notExt("pg_event_trigger", "e.oid"),
            "SELECT 'operator', o.oid::regoperator::text, o.oprcode::text FROM pg_operator o"
                    + " JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE o.oid >= 16384 AND " + USER_NSP + " AND " + notExt("pg_operator", "o.oid"),
            "SELECT 'cast', format_type(k.castsource, NULL) || ' AS ' || format_type(k.casttarget, NULL),"
                    + " k.castfunc::regprocedure::text || k.castcontext::text || k.castmethod::text FROM pg_cast k"
                    + " WHERE k.oid >= 16384 AND " + notExt("pg_cast", "k.oid"),
            "SELECT 'text search configuration', k.oid::regconfig::text, k.cfgparser::text FROM pg_ts_config k"
                    + " JOIN pg_namespace n ON n.oid = k.cfgnamespace WHERE k.oid >= 16384 AND " + USER_NSP + " AND " + notExt("pg_ts_config", "k.oid"),
            "SELECT 'text search dictionary', k.oid::regdictionary::text, coalesce(k.dictinitoption, '') FROM pg_ts_dict k"
                    + " JOIN pg_namespace n ON n.oid = k.dictnamespace WHERE k.oid >= 16384 AND " + USER_NSP + " AND " + notExt("pg_ts_dict", "k.oid"),
            "SELECT 'statistics object', n.nspname || '.' || s.stxname, pg_get_statisticsobjdef(s.oid) FROM pg_statistic_ext s"
                    + " JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE s.oid >= 16384 AND " + USER_NSP + " AND " + notExt("pg_statistic_ext", "s.oid"),
            "SELECT 'collation', n.nspname || '.' || k.collname, k.collprovider::text || coalesce(k.collcollate, '')"
                    + " FROM pg_collation k JOIN pg_namespace n ON n.oid = k.collnamespace WHERE k.oid >= 16384 AND " + USER_NSP
                    + " AND " + notExt("pg_collation", "k.oid"),
            "SELECT 'conversion', n.nspname || '.' || k.conname, k.conproc::text FROM pg_conversion k"
                    + " JOIN pg_namespace n ON n.oid = k.connamespace WHERE k.oid >= 16384 AND " + USER_NSP + " AND " + notExt("pg_conversion", "k.oid"),
            "SELECT 'operator class', n.nspname || '.' || k.opcname, k.opcmethod::text FROM pg_opclass k"
                    + " JOIN pg_namespace n ON n.oid = k.opcnamespace WHERE k.oid >= 16384 AND " + USER_NSP + " AND " + notExt("pg_opclass", "k.oid"),
            "SELECT 'operator family', n.nspname || '.' || k.opfname, k.opfmethod::text FROM pg_opfamily k"
                    + " JOIN pg_namespace n ON n.oid = k.opfnamespace WHERE k.oid >= 16384 AND " + USER_NSP + " AND " + notExt("pg_opfamily", "k.oid"),
            "SELECT 'foreign data wrapper', w.fdwname::text, '' FROM pg_foreign_data_wrapper w WHERE "
                    + notExt("pg_foreign_data_wrapper", "w.oid"),
            "SELECT 'foreign server', s.srvname::text, coalesce(s.srvoptions::text, '') FROM pg_foreign_server s WHERE "
                    + notExt("pg_foreign_server", "s.oid"),
            "SELECT 'language', l.lanname::text, '' FROM pg_language l WHERE l.oid >= 16384 AND " + notExt("pg_language", "l.oid"),
            "SELECT 'access method', a.amname::text, a.amtype::text FROM pg_am a WHERE a.oid >= 16384 AND " + notExt("pg_am", "a.oid"),
            "SELECT 'transform', format_type(t.trftype, NULL) || ' ' || t.trflang::text, '' FROM pg_transform t WHERE "
                    + notExt("pg_transform", "t.oid"),
            "SELECT 'default privileges', pg_get_userbyid(a.defaclrole) || CASE WHEN a.defaclnamespace = 0 THEN ''"
                    + " ELSE ' in schema ' || a.defaclnamespace::regnamespace::text END || ' on ' || a.defaclobjtype::text,"
                    + " a.defaclacl::text"
                    + " FROM pg_default_acl a",
            "SELECT 'security label', l.provider || ' on ' || pg_describe_object(l.classoid, l.objoid, l.objsubid), l.label"
                    + " FROM pg_seclabel l"))
            + " ORDER BY 1, 2";

    /** The batch, in the order {@link CatalogReader} reads the results. */
    static final List<String> BATCH = List.of(SAVE_PATH, SCHEMAS, EXTENSIONS, TYPES, SEQUENCES, RELATIONS, COLUMNS,
            CONSTRAINTS, INDEXES, FUNCTIONS, TRIGGERS, POLICIES, VIEW_DEPS, OTHERS, RESTORE_PATH);
}
